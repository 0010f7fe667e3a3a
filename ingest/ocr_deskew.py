"""Deskew for OCR: the page's tilt estimated from a projection profile of its ink (ruling lines
and text lines both give sharp row sums only when level), and the rotation that undoes it.

Angles follow OpenCV and Pillow: positive turns the image counter-clockwise. The image is turned
about its centre on a canvas of the same size, so every coordinate read afterwards (words, rules,
fills) is in one upright frame that maps to PDF points by the same scale.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

Array = np.ndarray[Any, Any]

MAX_ANGLE = 3.0  # degrees either way searched
COARSE = 0.1  # step of the first search, on a small copy
FINE = 0.02  # step of the second search, around the best coarse angle
SMALL = 900  # width (pixels) of the copy the coarse search runs on
MEDIUM = 1800  # width of the copy the fine search runs on
LEVEL = 0.03  # below this correction (degrees) the image is left as it is


def skew_correction(ink: Array) -> float:
    """Degrees to turn the page image so its lines lie level (0.0 for an upright page)."""
    source = ink.astype(np.float32)
    small = _shrink(source, SMALL)
    coarse = np.arange(-MAX_ANGLE, MAX_ANGLE + COARSE / 2, COARSE)
    best = _best(small, coarse)
    fine = np.arange(best - COARSE, best + COARSE + FINE / 2, FINE)
    best = _best(_shrink(source, MEDIUM), fine)
    return round(best, 3) if abs(best) >= LEVEL else 0.0


def rotate(image: Array, angle: float, border: int | tuple[int, int, int]) -> Array:
    """The image turned by `angle` degrees about its centre, same size, edges filled `border`."""
    if not angle:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    value = (border,) * 3 if isinstance(border, int) else border
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=value)


def _shrink(image: Array, width: int) -> Array:
    if image.shape[1] <= width:
        return image
    height = max(1, round(image.shape[0] * width / image.shape[1]))
    return cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)


def _best(image: Array, angles: Array) -> float:
    """The angle whose turned image has the sharpest row profile (sum of squared steps)."""
    scores = [_sharpness(rotate(image, float(a), 0)) for a in angles]
    return float(angles[int(np.argmax(scores))])


def _sharpness(image: Array) -> float:
    profile = image.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(profile) ** 2))
