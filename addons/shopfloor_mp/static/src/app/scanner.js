/**
 * Scanning, in this order of preference: a hardware scanner (keyboard wedge, read by
 * Odoo's barcode service), the camera (Odoo's BarcodeVideoScanner: the native
 * BarcodeDetector, or the ZXing library Odoo ships), typed entry.
 */

import { Component, onMounted, onWillUnmount, useState } from "@odoo/owl";
import { barcodeService } from "@barcodes/barcode_service";
import { browser } from "@web/core/browser/browser";
import { BarcodeVideoScanner, isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";

const OVERLAY_KEY = "o-barcode-scanner-overlay"; // CropOverlay's own key
let wedge = null;

/** Odoo's keyboard-wedge listener, started once for the whole app. */
export function getWedge() {
    if (!wedge) {
        wedge = barcodeService.start();
    }
    return wedge;
}

/**
 * Call ``callback(text)`` for each code read by a hardware scanner while mounted. Listens
 * from mount to unmount only: a component dropped before it was mounted (a screen
 * re-rendered while still loading) never hears a scan, so one scan is one action.
 */
export function useWedge(callback) {
    const bus = getWedge().bus;
    const handler = (ev) => callback(ev.detail.barcode);
    onMounted(() => bus.addEventListener("barcode_scanned", handler));
    onWillUnmount(() => bus.removeEventListener("barcode_scanned", handler));
}

export function cameraAvailable() {
    return isBarcodeScannerSupported() && window.isSecureContext !== false;
}

/** Full-screen camera view; closes on the first code read. */
export class CameraScanner extends Component {
    static template = "shopfloor_mp.CameraScanner";
    static components = { BarcodeVideoScanner };
    static props = { onResult: Function, onClose: Function, t: Function };

    setup() {
        this.state = useState({ error: null });
        this.done = false;
        // Odoo's crop overlay starts as a thin strip (for 1D barcodes); job cards
        // carry QR codes: start with the whole picture unless the worker moved it.
        if (!browser.localStorage.getItem(OVERLAY_KEY)) {
            browser.localStorage.setItem(OVERLAY_KEY, JSON.stringify({ x: 1e5, y: 1e5 }));
        }
    }

    onResult(text) {
        if (!this.done) {
            this.done = true;
            this.props.onResult(text);
        }
    }

    onError(error) {
        this.state.error = error && error.message ? error.message : String(error);
    }
}

/** The scan bar: camera button and typed entry (the wedge works anywhere). */
export class ScanBar extends Component {
    static template = "shopfloor_mp.ScanBar";
    static components = { CameraScanner };
    static props = { onCode: Function, t: Function, placeholder: { type: String, optional: true }, inputMode: { type: String, optional: true } };

    setup() {
        this.state = useState({ camera: false, text: "", cameraMissing: false });
        useWedge((code) => this.props.onCode(code));
    }

    openCamera() {
        if (!cameraAvailable()) {
            this.state.cameraMissing = true;
            return;
        }
        this.state.camera = true;
    }

    closeCamera() {
        this.state.camera = false;
    }

    onCamera(text) {
        this.state.camera = false;
        this.props.onCode(text);
    }

    submit(ev) {
        ev.preventDefault();
        const text = this.state.text.trim();
        if (text) {
            this.state.text = "";
            this.props.onCode(text);
        }
    }
}
