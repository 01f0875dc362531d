"""Annotated passage sets: built files up to date, the test split kept apart."""

import importlib.util
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_dev_set", DATA / "build_dev_set.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ids(name: str) -> list[str]:
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line)["id"] for line in lines if line.strip()]


def test_built_sets_are_up_to_date(capsys):
    builder = _builder()
    assert builder.main(["build_dev_set.py", "--check"]) == 0, capsys.readouterr().err


def test_check_reports_a_stale_file(tmp_path):
    builder = _builder()
    source = tmp_path / "tiny.txt"
    source.write_text("=== t1\n{Oslo|pl} is cold.\n", encoding="utf-8")
    assert builder.main(["b", "--check", str(source)]) == 1
    assert builder.main(["b", str(source)]) == 0
    assert builder.main(["b", "--check", str(source)]) == 0


def test_no_passage_is_in_two_sets():
    sets = {name: _ids(name) for name in _builder().SETS}
    seen: dict[str, str] = {}
    for name, ids in sets.items():
        assert len(ids) == len(set(ids)), f"duplicate id in {name}"
        for pid in ids:
            assert pid not in seen, f"{pid} is in {seen.get(pid)} and {name}"
            seen[pid] = name


def test_test_split_is_a_third_of_the_new_passages():
    dev, test = _ids("passages_v2_dev"), _ids("passages_v2_test")
    assert len(test) >= 10
    assert len(test) / (len(dev) + len(test)) == pytest.approx(1 / 3, abs=0.1)


def test_new_sets_pass_the_evaluation_parser():
    from suggest.evaluation import parse_passages

    for name in ("passages_v2_dev", "passages_v2_test"):
        with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
            assert parse_passages(lines)
