// Safety Compass kiosk UI. Everything lives in memory; a fresh session is a fresh page.
import { start } from "./app.js";

start();
