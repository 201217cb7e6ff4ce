"""Cover art: a 3000×3000 RGB JPEG with the show's Chinese title, drawn with Pillow.

The font is Noto Sans CJK SC from the `noto-cjk-sans-otc` wheel, so pip alone suffices.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

SIZE = 3000
EMBED_SIZE = 1400  # the APIC copy inside each MP3: Apple's minimum artwork size, a tenth the bytes
_SC_FACE = 2  # index of "Noto Sans CJK SC" in the collection
BACKGROUND_TOP = (18, 32, 58)
BACKGROUND_BOTTOM = (196, 84, 38)
INK = (255, 248, 235)


def _font(size: int) -> ImageFont.FreeTypeFont:
    from noto_cjk_sans_otc import FONT_PATH

    return ImageFont.truetype(str(FONT_PATH), size, index=_SC_FACE)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break CJK text into lines no wider than `width`: after a colon first, else anywhere."""
    head, colon, tail = text.partition("：")
    if colon and tail:
        return _wrap(draw, head + colon, font, width) + _wrap(draw, tail, font, width)
    lines, line = [], ""
    for ch in text:
        if draw.textlength(line + ch, font=font) > width and line:
            lines.append(line)
            line = ch.lstrip()
        else:
            line += ch
    return lines + [line] if line else lines


def render_cover(title: str, subtitle: str, footer: str) -> bytes:
    """The artwork as JPEG bytes. Deterministic: the same text gives the same bytes."""
    img = Image.new("RGB", (SIZE, SIZE))
    draw = ImageDraw.Draw(img)
    for y in range(0, SIZE, 4):  # vertical gradient
        t = y / SIZE
        colour = tuple(round(a + (b - a) * t) for a, b in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM))
        draw.rectangle([0, y, SIZE, y + 4], fill=colour)
    margin = 260
    draw.rectangle([margin, margin, margin + 40, SIZE - margin], fill=INK)  # a spine of light

    left, width = margin + 160, SIZE - 2 * margin - 160
    title_font = _font(300)
    lines = _wrap(draw, title, title_font, width)
    while len(lines) > 4 and title_font.size > 120:  # long titles: smaller type, never off the page
        title_font = _font(title_font.size - 20)
        lines = _wrap(draw, title, title_font, width)
    y = margin + 80
    for line in lines:
        draw.text((left, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.3)
    sub_font = _font(140)
    y += 80
    for line in _wrap(draw, subtitle, sub_font, width)[:3]:
        draw.text((left, y), line, font=sub_font, fill=INK)
        y += int(sub_font.size * 1.35)
    foot_font = _font(110)
    draw.text((left, SIZE - margin - 140), footer, font=foot_font, fill=INK)
    return _jpeg(img)


def embedded_copy(cover_jpeg: bytes) -> bytes:
    img = Image.open(io.BytesIO(cover_jpeg)).convert("RGB").resize((EMBED_SIZE, EMBED_SIZE), Image.LANCZOS)
    return _jpeg(img)


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=88, optimize=True)
    return buf.getvalue()
