"""Files holding personal data are private (0600), and temporary work never leaves plaintext."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from models.database import Store
from sync.keys import write_key_file
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _env(data_home: Path) -> dict[str, str]:
    # platformdirs puts the user data folder (and so the private temp folder) under XDG_DATA_HOME.
    return {**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE, "XDG_DATA_HOME": str(data_home)}


def run(store: Path, data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--store", str(store), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(data_home),
        timeout=300,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def desktop_umask() -> object:
    old = os.umask(0o022)  # what made these files 0644 before
    yield
    os.umask(old)


def test_every_file_holding_personal_data_is_0600(
    sample_store: Store, tmp_path: Path, desktop_umask: object
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "export.xlsx": ["export-xlsx", "--out", str(out / "export.xlsx")],
        "template.xlsx": ["xlsx-template", "--out", str(out / "template.xlsx")],
        "report.pdf": ["report", "--variant", "standard", "--out", str(out / "report.pdf")],
        "state.jsonl": ["digest", "--out", str(out / "state.jsonl")],
    }
    for name, command in commands.items():
        done = run(sample_store.path, tmp_path / "data", *command)
        assert done.returncode == 0, (name, done.stderr)
        assert _mode(out / name) == 0o600, name
    write_key_file(out / "org.lpky", b"k" * 32, organisation="Leeds")
    assert _mode(out / "org.lpky") == 0o600


_SLOW_EXPORT = """
import sys, time
from main import main
from exporters.xlsx import writer

class Stall:
    # Reports that the sheets are half written, then waits there to be killed.
    def report(self, done, total, label): pass
    @property
    def cancelled(self):
        print("writing", flush=True)
        time.sleep(600)
        return False

real = writer.write_export  # app.excel imports it when the export runs, so it gets this one
writer.write_export = lambda path, data, progress=None: real(path, data, progress=Stall())
sys.exit(main(["--store", sys.argv[1], "export-xlsx", "--out", sys.argv[2]]))
"""


def test_a_killed_export_leaves_no_plaintext_outside_a_private_folder_wiped_at_start(
    sample_store: Store, tmp_path: Path
) -> None:
    data_home = tmp_path / "data"
    system_temp = Path(tempfile.gettempdir())
    before = set(system_temp.glob("openpyxl.*"))
    export = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, str(sample_store.path), str(tmp_path / "x.xlsx")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(data_home),
    )
    assert export.stdout is not None
    assert export.stdout.readline() == "writing\n", export.stderr
    private_root = data_home / "ListeningPost" / "tmp"
    (mine,) = private_root.iterdir()
    written = list(mine.iterdir())
    assert written  # openpyxl's sheet files, holding note text, are here ...
    assert set(system_temp.glob("openpyxl.*")) == before  # ... and not in the system temp
    assert _mode(private_root) == 0o700 and _mode(mine) == 0o700
    export.send_signal(signal.SIGKILL)
    export.wait(timeout=30)
    assert mine.exists()  # a kill runs no clean-up ...
    done = run(sample_store.path, data_home, "search", "GP")
    assert done.returncode == 0
    assert not mine.exists()  # ... so the next start wipes what the killed one left
    assert list(private_root.iterdir()) == []  # and each process removes its own at exit


def test_an_organisation_key_file_readable_by_others_gets_a_warning(
    sample_store: Store, tmp_path: Path
) -> None:
    key_file = tmp_path / "org.lpky"
    write_key_file(key_file, b"k" * 32, organisation="Leeds")
    os.chmod(key_file, 0o644)
    folder = tmp_path / "shared"
    folder.mkdir()
    done = run(
        sample_store.path,
        tmp_path / "data",
        "sync",
        "--folder",
        str(folder),
        "--key-file",
        str(key_file),
    )
    assert f"warning: {key_file} can be read by other users of this computer" in done.stderr
