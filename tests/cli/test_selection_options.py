"""search, report and export-xlsx read one set of selection options into the same Selection."""

from __future__ import annotations

from datetime import date

import pytest

from cli.parser import build_parser
from cli.selection_options import selection_from_args
from domain.selection import Selection

OPTIONS = [
    "--from", "2026-03-01", "--to", "2026-04-30",
    "--activity", "a1", "--activity", "a2",
    "--area", "Leeds",
    "--group", "carers", "--group", "homelessness", "--without-subgroups",
    "--theme", "t1", "--service", "gp-and-primary-care",
    "--principle", "4", "--principle", "7",
    "--kind", "quote", "--sentiment", "negative",
    "--needs-review",
]  # fmt: skip
COMMANDS = {
    "search": ["search", "bus", "stop"],
    "report": ["report", "--out", "r.pdf"],
    "export-xlsx": ["export-xlsx", "--out", "e.xlsx"],
}
WANTED = Selection(
    date_from=date(2026, 3, 1),
    date_to=date(2026, 4, 30),
    activity_ids=("a1", "a2"),
    area="Leeds",
    group_keys=("carers", "homelessness"),
    include_subgroups=False,
    theme_ids=("t1",),
    service_keys=("gp-and-primary-care",),
    principles=(4, 7),
    kinds=("quote",),
    sentiments=("negative",),
    needs_review=True,
)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_reads_the_same_selection(command: str) -> None:
    args = build_parser().parse_args([*COMMANDS[command], *OPTIONS])
    assert selection_from_args(args) == WANTED


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_options_select_everything_with_sub_groups(command: str) -> None:
    chosen = selection_from_args(build_parser().parse_args(COMMANDS[command]))
    assert chosen.is_everything and chosen.include_subgroups and chosen.needs_review is None


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (["--from", "01/03/2026"], "'01/03/2026' is not a date: use YYYY-MM-DD"),
        (["--principle", "12"], "there is no principle 12 (1 to 10)"),
        (["--kind", "rant"], "invalid choice: 'rant'"),
        (["--needs-review", "--reviewed"], "not allowed with argument"),
    ],
)
def test_bad_options_are_refused_by_name(
    bad: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args([*COMMANDS["search"], *bad])
    assert stopped.value.code == 2
    assert said in capsys.readouterr().err
