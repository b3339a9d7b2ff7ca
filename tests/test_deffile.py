"""Definition files: the parser cuts them as Apptainer does; working recipes get no warning."""

from __future__ import annotations

import pytest

from jobcheck.cli.discovery import discover
from jobcheck.frontends import analyse
from jobcheck.frontends.deffile_frontend import parse
from jobcheck.model.source import Source

from .helpers import FIXTURES, describe, lint

RECIPES = sorted((FIXTURES / "clean-recipes").iterdir())


@pytest.mark.parametrize("runtime", ["apptainer", "singularityce"])
@pytest.mark.parametrize("path", RECIPES, ids=[p.name for p in RECIPES])
def test_working_recipes_are_quiet(path, runtime):
    result = lint(path.read_bytes(), path=path.name, container_runtime=runtime)
    assert result.parser == "deffile"
    assert [describe(f) for f in result.findings if f.severity.value in ("error", "warning")] == []


def test_there_are_at_least_twenty_working_recipes():
    assert len(RECIPES) >= 20


def test_stages_sections_and_header_as_apptainer_reads_them():
    text = (
        "# comment\nBootStrap: docker\nFROM: ubuntu:22.04 # the base\n\n%Post -c /bin/bash\n    echo hi\n"
        "    cat > x <<EOF\nbootstrap: inside a heredoc\nEOF\n  %runscript\n    true\n"
    )
    recipe = parse(text)
    assert len(recipe.stages) == 2  # the heredoc line starts a stage, as in Apptainer
    first = recipe.stages[0]
    assert [(e.key, e.value) for e in first.header] == [("bootstrap", "docker"), ("from", "ubuntu:22.04")]
    assert [(s.name, s.args) for s in first.sections] == [("post", "-c /bin/bash")]
    second = recipe.stages[1]
    assert second.get("bootstrap").value == "inside a heredoc"
    assert [b.text for b in second.bad_lines] == ["EOF"]
    assert [(s.name, s.indented) for s in second.sections] == [("", True)]


def test_shell_in_sections_is_parsed_with_file_offsets():
    text = 'Bootstrap: docker\nFrom: alpine:3.20\n%post\n    apk add curl\n%runscript\n    exec curl "$@"\n'
    script = analyse(Source.from_text(text, "x.def"))
    assert [(c.name, script.source.position(c.start).line) for c in script.commands] == [("apk", 4), ("exec", 6)]


def test_definition_files_are_found_in_a_folder(tmp_path):
    (tmp_path / "env.def").write_text("Bootstrap: docker\nFrom: alpine:3.20\n")
    (tmp_path / "Singularity.gpu").write_text("Bootstrap: docker\nFrom: alpine:3.20\n")
    (tmp_path / "Apptainer").write_text("Bootstrap: docker\nFrom: alpine:3.20\n")
    (tmp_path / "recipe").write_text("# base image\nbootstrap: docker\nFrom: alpine:3.20\n")
    (tmp_path / "notes").write_text("Bootstrap is a word here: not a recipe\nmore\n")
    found = sorted(t.path.rsplit("/", 1)[-1] for t in discover([str(tmp_path)]))
    assert found == ["Apptainer", "Singularity.gpu", "env.def", "recipe"]
