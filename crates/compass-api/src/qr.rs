//! QR codes as SVG data URLs: a visitor scans a number to take it away on their own phone.

use qrcode::QrCode;
use qrcode::render::svg;

/// `data:image/svg+xml,…` of a QR code for `target`, or `None` if it is too long to encode.
pub fn data_url(target: &str) -> Option<String> {
    let code = QrCode::new(target.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let mut url = String::from("data:image/svg+xml,");
    for byte in image.bytes() {
        if byte.is_ascii_alphanumeric() || b" =:/.-_".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(url)
}
