//! Read aloud with the real espeak-ng: every kiosk locale's voice produces audible speech for a sample
//! of screen text (phone number included), measured with sox. `cargo xtask test` installs espeak-ng and
//! sox with the other Debian packages, so this always runs there.

use std::io::Write as _;
use std::process::{Command, Stdio};

use compass_kiosk::speech::{PROGRAM, speech_text, voice};

/// A line a screen shows, per locale.
const SAMPLES: &[(&str, &str)] = &[
    (
        "lv",
        "Ārkārtas gadījumā zvaniet 112.\nDrošā māja\n+371 28612120",
    ),
    (
        "et",
        "Hädaolukorras helistage 112.\nNõuandeliin\n+372 660 7320",
    ),
    (
        "en",
        "In an emergency, call 112.\nModern Slavery Helpline\n08000 121 700",
    ),
    (
        "ru",
        "В экстренной ситуации звоните 112.\nЛиния помощи\n+372 660 7320",
    ),
    (
        "uk",
        "У надзвичайній ситуації телефонуйте 112.\nГаряча лінія\n+371 28612120",
    ),
];

/// Length in seconds and RMS amplitude of a WAV file, as `sox FILE -n stat` reports them.
fn measure(wav: &std::path::Path) -> (f64, f64) {
    let output = Command::new("sox")
        .arg(wav)
        .args(["-n", "stat"])
        .output()
        .expect("running sox (apt-get install sox; cargo xtask test installs it)");
    assert!(output.status.success(), "sox failed: {output:?}");
    let report = String::from_utf8_lossy(&output.stderr);
    let value = |label: &str| -> f64 {
        report
            .lines()
            .find(|line| line.starts_with(label))
            .and_then(|line| line.rsplit(':').next())
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {label:?} in sox's report:\n{report}"))
    };
    (value("Length (seconds)"), value("RMS     amplitude"))
}

#[test]
fn every_locale_is_spoken_audibly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut results = Vec::new();
    for (locale, sample) in SAMPLES {
        let voice = voice(locale).expect("a voice");
        let wav = dir.path().join(format!("{locale}.wav"));
        let mut child = Command::new(PROGRAM)
            .args(["-v", voice, "-s", "150", "-b", "1", "--stdin", "-w"])
            .arg(&wav)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running espeak-ng (apt-get install espeak-ng; cargo xtask test installs it)");
        let text = speech_text(sample);
        assert!(text.contains("1 1 2"), "{locale}: {text}");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("writing the text");
        let output = child.wait_with_output().expect("espeak-ng");
        let complaints = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && complaints.trim().is_empty(),
            "{locale} ({voice}): {complaints}"
        );
        let (seconds, rms) = measure(&wav);
        println!("{locale} ({voice}): {seconds:.2} s, RMS amplitude {rms:.4}");
        results.push((locale, seconds, rms));
    }
    for (locale, seconds, rms) in results {
        // The sample is a few seconds of speech; silence or a voice that says nothing is far below.
        assert!(seconds > 2.0, "{locale}: only {seconds} s of audio");
        assert!(rms > 0.02, "{locale}: RMS amplitude {rms} is silence");
    }
}
