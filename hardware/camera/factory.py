"""Build a frame source from its configuration URL; a site changes the URL, never code.

==========================================  ===================================================
``camera://0`` or ``camera:0``              camera index 0 through OpenCV
``camera:///dev/video2``                    a camera by device path (``/dev/v4l/by-id/...``)
``camera://0?width=1920&height=1080``       requested resolution (default 1280×720)
``camera://0?api=v4l2``                     force an OpenCV backend: v4l2, dshow, msmf, any
``file:///srv/recordings/desk.mp4``         replay a video, looping (``?fps=15&loop=0``)
``file:///srv/photos``                      replay a directory of images in name order
``sim:``                                    synthetic frames; ``inject(text)`` shows a code
==========================================  ===================================================
"""

from __future__ import annotations

import cv2

from hardware.camera.sim import SimCameraSource
from hardware.camera.source import CvCameraSource, FileSource, FrameSource
from hardware.errors import DeviceUrlError
from hardware.url import DeviceUrl, parse_device_url

SCHEMES = ("camera", "file", "sim")

_APIS = {
    "any": cv2.CAP_ANY,
    "v4l2": cv2.CAP_V4L2,
    "dshow": cv2.CAP_DSHOW,
    "msmf": cv2.CAP_MSMF,
    "avfoundation": cv2.CAP_AVFOUNDATION,
}


def open_camera(url: str) -> FrameSource:
    """Return the (not yet opened) frame source ``url`` names.

    Raises :class:`DeviceUrlError` naming the problem for a malformed or unknown URL.
    """
    parsed = parse_device_url(url)
    if parsed.scheme == "camera":
        return _camera(parsed)
    if parsed.scheme == "file":
        if not parsed.target:
            raise DeviceUrlError(f"{url}: give a video file or an image directory, "
                                 "e.g. file:///srv/photos")
        return FileSource(url, parsed.target, fps=parsed.float_param("fps", 15.0),
                          loop=parsed.int_param("loop", 1) != 0)
    if parsed.scheme == "sim":
        return SimCameraSource(
            url,
            width=parsed.int_param("width", 1280),
            height=parsed.int_param("height", 720),
            fps=parsed.float_param("fps", 15.0),
            hold=parsed.float_param("hold", 1.5),
            seed=parsed.int_param("seed", 0),
        )
    raise DeviceUrlError(
        f"{url}: unknown camera type {parsed.scheme!r}; use one of {', '.join(SCHEMES)}"
    )


def _camera(parsed: DeviceUrl) -> CvCameraSource:
    target = parsed.target or "0"
    device: int | str = int(target) if target.isdigit() else target
    api_name = parsed.params.get("api", "any").lower()
    if api_name not in _APIS:
        raise DeviceUrlError(
            f"{parsed.raw}: unknown camera api {api_name!r}; use one of {', '.join(_APIS)}"
        )
    return CvCameraSource(
        parsed.raw,
        device,
        width=parsed.int_param("width", 1280),
        height=parsed.int_param("height", 720),
        fps=parsed.float_param("fps", 0.0),
        api=_APIS[api_name],
    )
