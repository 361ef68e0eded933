"""Write a Y4M video showing a QR code, for Chromium's fake camera.

Chromium plays ``--use-file-for-fake-video-capture=<file>.y4m`` in a loop as the
camera. The QR comes from the ``qrcode`` library (as the job cards' own); the frames
are written by hand (Y4M is a header, then raw 4:2:0 planes), so no ffmpeg is needed.

    python tests/browser/make_y4m.py "https://erp/sf/q/K7QX2M9WDA" /tmp/qr.y4m
"""

import sys

import qrcode


def qr_matrix(text):
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.get_matrix()  # rows of booleans, quiet zone included


def y4m_bytes(text, width=640, height=480, frames=6):
    """The whole file: the QR centered, as large as fits in 80 % of the height."""
    matrix = qr_matrix(text)
    n = len(matrix)
    scale = max(1, int(height * 0.8) // n)
    side = n * scale
    left = (width - side) // 2
    top = (height - side) // 2
    white, black = 235, 16
    row_bg = bytes([white]) * width
    plane = bytearray(row_bg * height)
    for qy, row in enumerate(matrix):
        line = bytearray(row_bg)
        for qx, dark in enumerate(row):
            if dark:
                start = left + qx * scale
                line[start : start + scale] = bytes([black]) * scale
        for dy in range(scale):
            y = top + qy * scale + dy
            plane[y * width : (y + 1) * width] = line
    chroma = bytes([128]) * ((width // 2) * (height // 2) * 2)
    frame = b"FRAME\n" + bytes(plane) + chroma
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    return header + frame * frames


def main(argv):
    text, path = argv[1], argv[2]
    with open(path, "wb") as f:
        f.write(y4m_bytes(text))


if __name__ == "__main__":
    main(sys.argv)
