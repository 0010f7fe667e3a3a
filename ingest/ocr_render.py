"""The page image OCR works on: settings, the deskewed colour and grey arrays, ink found as thin
dark marks (a black top-hat) so light-grey rules count as ink while shading does not, and the
scale from pixels to PDF points."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar

import cv2
import numpy as np

from councilpapers.ingest.ocr_deskew import rotate, skew_correction
from councilpapers.settings import Settings

Array = np.ndarray[Any, Any]


@dataclass(frozen=True, slots=True)
class OcrSettings(Settings):
    """Tolerances of the OCR path, in PDF points where they are lengths (`read_document(path,
    ocr=...)` resolves them: None, a dict of overrides or an instance)."""

    dpi: int = int(os.environ.get("COUNCILPAPERS_OCR_DPI", "300"))  # resolution pages render at
    h_min: float = 25.0  # shortest horizontal rule
    v_min: float = 14.0  # shortest vertical rule
    piece: float = 8.0  # shortest straight run kept as a piece of a rule
    gap: float = 3.0  # widest break bridged between collinear pieces of one rule
    max_thick: float = 2.5  # a line thicker than this is shading, not a rule
    fill_min: float = 3.0  # narrowest shaded area kept as a fill
    stroke: float = 3.5  # widest stroke or rule (points) found as ink
    contrast: int = 28  # grey levels a stroke must be darker than its surroundings
    dark: int = 140  # grey level below which a pixel of the cleaned image is ink
    bold: float = 1.3  # a word this much denser in ink than the page's median word is bold
    deskew: bool = True  # turn a tilted scan upright before reading it

    zero_allowed: ClassVar[frozenset[str]] = frozenset({"gap", "contrast"})

    def check(self) -> None:
        """Grey levels lie in 0..255."""
        if self.dark >= 256 or self.contrast >= 256:
            raise self.invalid(f"dark and contrast are grey levels in 0..255: {self}")


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page image, turned upright: colour, grey, ink, and points per pixel."""

    rgb: Array
    grey: Array
    ink: Array
    sx: float
    sy: float
    angle: float

    def px(self, points: float, horizontal: bool = True) -> int:
        """A length in points as whole pixels (at least 1)."""
        return max(1, round(points / (self.sx if horizontal else self.sy)))


def render(image: Any, width: float, height: float, settings: OcrSettings) -> PageImage:
    """The PIL image of a `width` x `height` point page, deskewed, with its ink found."""
    rgb = np.asarray(image.convert("RGB"))
    sx, sy = width / rgb.shape[1], height / rgb.shape[0]
    side = max(3, round(settings.stroke / sy)) | 1
    ink = find_ink(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), side, settings.contrast)
    angle = skew_correction(ink) if settings.deskew else 0.0
    if angle:
        rgb = rotate(rgb, angle, (255, 255, 255))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if angle:
        ink = find_ink(grey, side, settings.contrast)
    return PageImage(rgb=rgb, grey=grey, ink=ink, sx=sx, sy=sy, angle=angle)


def find_ink(grey: Array, width: int, contrast: int) -> Array:
    """Thin dark marks: pixels at least `contrast` darker than what a morphological closing
    `width` pixels wide (a black top-hat) leaves there. Text strokes and rules, light grey ones
    too, count; the inside and the edges of a shaded area, however dark, do not, so a rule
    beside a red cell stays a thin line. A light blur first keeps scanner noise out."""
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (width, width))
    return cv2.morphologyEx(smooth, cv2.MORPH_BLACKHAT, kernel) > contrast


def paper_white(page: PageImage) -> Array:
    """The grey image with everything away from ink set to white: scanner noise and JPEG
    speckle on blank paper would otherwise make Tesseract's own thresholding see specks (in a
    small cell with a short word, enough to garble the word)."""
    near = cv2.dilate(page.ink.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return np.where(near, page.grey, 255).astype(np.uint8)
