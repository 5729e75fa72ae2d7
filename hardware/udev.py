"""udev rules for the devices a configuration names: ``packroom udev-rules [--output FILE]``.

The Linux installer runs this (as the bundled ``packroom``) after writing the configuration
and installs the result as ``/etc/udev/rules.d/61-packroom-devices.rules``. Each rule gives
one configured device's node to the kiosk's group (``packroom``) with mode 0660, so the kiosk
user reaches exactly the devices it is configured for, and no others:

=======================================  ==============================================================
``hid://VID:PID``, ``usbrelay://…``,     the USB device node (libusb) and its ``hidraw`` node,
``escpos-usb://VID:PID``                 by vendor and product ID
``serial:///dev/ttyACM0``, ``lcus://…``,  that tty by kernel name; a ``/dev/serial/by-id/…`` path
``escpos-serial://…``                    (the stable name) gives every USB serial tty to the group
``escpos-file:///dev/usb/lp0``           that ``usblp`` node
``camera://N``, ``camera:///dev/videoN``  that video4linux node (``/dev/v4l/by-id/…``: every camera)
``keyboard:``, ``sim:``, network URLs    nothing: no device node is involved
=======================================  ==============================================================

The static ``installer/udev/60-packroom.rules`` (common relay boards, printers and scanners
to ``plugdev``) is installed beside it; this file runs after it, so a configured device ends
up in the kiosk's group either way.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hardware.errors import DeviceUrlError
from hardware.url import parse_device_url

DEVICE_SETTINGS = ("devices.scanner", "devices.camera", "devices.printer", "devices.door", "devices.door_sensor")
RULES_NAME = "61-packroom-devices.rules"
DEFAULT_GROUP = "packroom"
_USB_SCHEMES = {"hid": "USB HID device read directly (libusb)", "usbrelay": "USB HID relay board (libusb)",
                "escpos-usb": "ESC/POS printer over USB (libusb)"}
_SERIAL_SCHEMES = {"serial": "serial / USB CDC scanner", "lcus": "LCUS serial relay",
                   "escpos-serial": "ESC/POS printer on a serial port"}
_NO_NODE = {"keyboard": "a keyboard wedge types like a keyboard: no device node",
            "sim": "simulated: no device", "escpos-tcp": "network printer: no device node",
            "shelly": "network relay: no device node", "uhppote": "network controller: no device node",
            "file": "recorded frames from files: no device node"}
_KERNEL_NAME = re.compile(r"^/dev/(?:usb/)?([A-Za-z]+[0-9]+)$")


@dataclass(frozen=True)
class DeviceRule:
    """The rules (maybe none) for one setting, with a comment saying why."""

    setting: str
    url: str
    comment: str
    lines: tuple[str, ...] = ()


def _access(group: str) -> str:
    return f'GROUP="{group}", MODE="0660", TAG+="uaccess"'


def _hex4(value: int) -> str:
    return f"{value:04x}"


def rules_for(setting: str, url: str, group: str = DEFAULT_GROUP) -> DeviceRule:
    """The udev rule lines that give ``url``'s device to ``group``; :class:`DeviceUrlError` if malformed."""
    url = url.strip()
    if not url:
        return DeviceRule(setting, url, "not configured")
    parsed = parse_device_url(url)
    scheme = parsed.scheme
    access = _access(group)
    if scheme in _USB_SCHEMES:
        vid, pid = (_hex4(n) for n in parsed.vid_pid())
        ids = f'ATTRS{{idVendor}}=="{vid}", ATTRS{{idProduct}}=="{pid}"'
        return DeviceRule(setting, url, f"{_USB_SCHEMES[scheme]} {vid}:{pid}", (
            f'SUBSYSTEM=="usb", ENV{{DEVTYPE}}=="usb_device", {ids}, {access}',
            f'SUBSYSTEM=="hidraw", {ids}, {access}',
        ))
    if scheme in _SERIAL_SCHEMES:
        path = parsed.target
        what = _SERIAL_SCHEMES[scheme]
        match = _KERNEL_NAME.match(path)
        if match:
            return DeviceRule(setting, url, f"{what} on {path}",
                              (f'SUBSYSTEM=="tty", KERNEL=="{match.group(1)}", {access}',))
        if path.startswith("/dev/"):
            return DeviceRule(setting, url, f"{what} on {path} (a stable name: every USB serial port to the group)",
                              (f'SUBSYSTEM=="tty", KERNEL=="ttyUSB[0-9]*|ttyACM[0-9]*", {access}',))
        return DeviceRule(setting, url, f"{what} on {path}: not a Linux device path, no rule")
    if scheme == "escpos-file":
        path = parsed.target
        match = _KERNEL_NAME.match(path)
        if match and match.group(1).startswith("lp"):
            return DeviceRule(setting, url, f"ESC/POS printer on the usblp node {path}",
                              (f'SUBSYSTEM=="usbmisc", KERNEL=="{match.group(1)}", {access}',))
        return DeviceRule(setting, url, f"printer file {path}: give the kiosk user write access to it yourself")
    if scheme == "camera":
        target = parsed.target or "0"
        if target.isdigit():
            target = f"/dev/video{target}"
        match = _KERNEL_NAME.match(target)
        if match and match.group(1).startswith("video"):
            return DeviceRule(setting, url, f"camera {target}",
                              (f'SUBSYSTEM=="video4linux", KERNEL=="{match.group(1)}", {access}',))
        return DeviceRule(setting, url, f"camera {target} (a stable name: every camera to the group)",
                          (f'SUBSYSTEM=="video4linux", {access}',))
    if scheme in _NO_NODE:
        return DeviceRule(setting, url, _NO_NODE[scheme])
    raise DeviceUrlError(f"{url}: unknown device type {scheme!r} in {setting}")


def udev_rules(settings: Mapping[str, Any], group: str = DEFAULT_GROUP, source: str = "") -> str:
    """The whole rules file for the device settings in ``settings`` (dotted keys)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_-]*", group):
        raise ValueError(f"{group!r} is not a valid group name")
    lines = [
        f"# Packroom: the devices configured{f' in {source}' if source else ''}, for group {group!r}.",
        "# Generated by `packroom udev-rules`; run it again (or the installer) after changing [devices].",
        "# Install: /etc/udev/rules.d/" + RULES_NAME + ", then `udevadm control --reload-rules && udevadm trigger`.",
        "",
        'ACTION!="add|change", GOTO="packroom_devices_end"',
    ]
    seen: set[str] = set()
    for setting in DEVICE_SETTINGS:
        rule = rules_for(setting, str(settings.get(setting, "") or ""), group)
        lines.append(f"# {setting} = {rule.url!r}: {rule.comment}" if rule.url else f"# {setting}: {rule.comment}")
        for line in rule.lines:
            if line not in seen:  # one camera or relay named by two settings gets one rule
                seen.add(line)
                lines.append(line)
    lines += ['LABEL="packroom_devices_end"', ""]
    return "\n".join(lines)


def _cmd_udev_rules(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, settings_from

    settings = settings_from(args)
    try:
        text = udev_rules(settings, args.group, str(settings.source or ""))
    except (DeviceUrlError, ValueError) as exc:
        raise CliError(str(exc)) from None
    if args.output:
        path = Path(args.output)
        staged = path.with_name(f".{path.name}.tmp")
        try:  # udev reads rules files at any moment: never let it see half of one
            staged.write_text(text, encoding="utf-8")
            staged.chmod(0o644)
            os.replace(staged, path)
        except OSError as exc:
            staged.unlink(missing_ok=True)
            raise CliError(f"cannot write {path}: {exc.strerror}") from None
        print(f"udev rules written: {path}")
    else:
        sys.stdout.write(text)
    return 0


def register(sub: Any) -> None:
    """Add ``packroom udev-rules [--group G] [--output FILE]``."""
    parser = sub.add_parser(
        "udev-rules", help="print udev rules giving the kiosk's group the configured devices (Linux)",
        description="Print (or write) udev rules that give the devices named in [devices] to a group, "
        f"for /etc/udev/rules.d/{RULES_NAME}. The Linux installer runs this.",
    )
    parser.add_argument("--group", default=DEFAULT_GROUP,
                        help=f"the group to give the devices (default {DEFAULT_GROUP})")
    parser.add_argument("--output", metavar="FILE", help="write the rules here instead of printing them")
    parser.set_defaults(func=_cmd_udev_rules)
