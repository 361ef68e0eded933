/**
 * What a scanned or typed text is: a shop-floor code (``https://host/sf/q/CODE`` or
 * the bare 10-character code), or something else (a badge number...).
 */

export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{10}$`);
const URL_RE = new RegExp(`^https?://[^/\\s]+(?:/[^\\s]*)?/sf/q/([${CODE_ALPHABET}]{10})/?$`);

/** The code of a payload, or null (same rule as the server's tools/qr.py). */
export function parseCode(payload) {
    if (typeof payload !== "string") {
        return null;
    }
    const text = payload.trim();
    const match = URL_RE.exec(text);
    if (match) {
        return match[1];
    }
    const candidate = text.toUpperCase();
    return CODE_RE.test(candidate) ? candidate : null;
}
