"""Screenshots side by side, each framed and captioned, as one small PNG (for the README).

    python tools/reader/compose.py OUT.png A.png "caption A" B.png "caption B" [--colours 64]

The result is quantized to a palette of ``--colours`` colours (0: keep full colour), which
keeps a picture of text small without blurring it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BACKGROUND = (236, 233, 226)
FRAME = (160, 154, 144)
INK = (60, 56, 50)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default()


def compose(pictures: list[tuple[Path, str]], gap: int = 24, caption: int = 15) -> Image.Image:
    images = [Image.open(path).convert("RGB") for path, _ in pictures]
    scale = images[0].width / 600  # the captions grow with the screenshots' device scale
    gap, size = round(gap * scale), round(caption * scale)
    lettering = font(size)
    width = sum(image.width for image in images) + gap * (len(images) + 1)
    height = max(image.height for image in images) + gap * 2 + size * 2
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    left = gap
    for image, (_, text) in zip(images, pictures, strict=True):
        sheet.paste(image, (left, gap))
        draw.rectangle((left - 1, gap - 1, left + image.width, gap + image.height), outline=FRAME)
        draw.text((left + image.width / 2, gap + image.height + size), text, fill=INK, font=lettering, anchor="mt")
        left += image.width + gap
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("pairs", nargs="+", help="PNG caption PNG caption ...")
    parser.add_argument("--colours", type=int, default=64, help="palette size, 0 for full colour (default 64)")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2:
        parser.error("give each picture a caption")
    pictures = [(Path(args.pairs[i]), args.pairs[i + 1]) for i in range(0, len(args.pairs), 2)]
    sheet = compose(pictures)
    if args.colours:
        sheet = sheet.quantize(colors=args.colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(args.output, optimize=True)
    print(f"{args.output}: {sheet.width}x{sheet.height}, {args.output.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
