"""The sheets' QR image is the library's QR, drawn faster."""

from __future__ import annotations

import io

import qrcode
from PIL import Image

from bot.invitesheets import QR_BORDER, QR_BOX, QR_MASK, qr_png

LINK = "https://t.me/dondoc_bot?start=k7m2p9q4rs"


def test_the_qr_matches_qrcodes_own_rendering():
    mine = Image.open(io.BytesIO(qr_png(LINK))).convert("1")
    reference = qrcode.QRCode(border=QR_BORDER, box_size=QR_BOX, mask_pattern=QR_MASK)
    reference.add_data(LINK)
    theirs = reference.make_image().get_image().convert("1")
    assert mine.size == theirs.size
    assert mine.tobytes() == theirs.tobytes()


def test_different_links_give_different_codes():
    assert qr_png(LINK) != qr_png(LINK.replace("k7", "k8"))
