from __future__ import annotations

import codecs

from jobcheck.model.source import Source


def test_utf8_text_and_positions_count_characters():
    source = Source.from_bytes("#!/bin/bash\n#SBATCH -J 잡이름 --time=5\n".encode(), "job.sh")
    offset = source.text.index("--time")
    assert source.position(offset).line == 2
    assert source.position(offset).column == 16  # '#SBATCH -J ' is 11 chars, the name 3, a space 1
    assert source.offset(2, 16) == offset
    assert source.line_text(2) == "#SBATCH -J 잡이름 --time=5"


def test_latin1_bytes_survive_byte_for_byte():
    raw = b"#!/bin/bash\n# caf\xe9 au lait\nexport X='$HOME'\n"
    source = Source.from_bytes(raw, "job.sh")
    assert not source.is_binary
    assert source.encode() == raw
    edited = source.text.replace("'$HOME'", '"$HOME"')
    assert source.encode(edited) == raw.replace(b"'$HOME'", b'"$HOME"')
    # the undecodable byte is one character: columns after it stay right
    assert source.position(source.text.index("au")).column == 8


def test_bom_is_remembered_and_kept():
    raw = codecs.BOM_UTF8 + b"#!/bin/bash\necho hi\n"
    source = Source.from_bytes(raw)
    assert source.bom == codecs.BOM_UTF8
    assert source.text.startswith("#!")
    assert source.encode() == raw


def test_crlf_is_detected_and_kept():
    raw = b"#!/bin/bash\r\necho hi\r\n"
    source = Source.from_bytes(raw)
    assert source.newline == "\r\n"
    assert source.line_text(1) == "#!/bin/bash"
    assert source.encode() == raw


def test_utf16_with_bom_is_decoded():
    raw = codecs.BOM_UTF16_LE + "#!/bin/bash\necho hé\n".encode("utf-16-le")
    source = Source.from_bytes(raw)
    assert source.encoding == "utf-16-le"
    assert source.text == "#!/bin/bash\necho hé\n"
    assert not source.is_binary
    assert source.encode() == raw


def test_nul_byte_marks_binary():
    source = Source.from_bytes(b"#!/bin/bash\necho \x00 hi\n")
    assert source.is_binary
    assert source.binary_offset == 17


def test_empty_file():
    source = Source.from_bytes(b"")
    assert source.text == "" and source.line_count == 1
    assert source.position(0).line == 1


def test_derive_keeps_encoding_and_bom():
    raw = codecs.BOM_UTF8 + b"#!bin/bash\r\n"
    source = Source.from_bytes(raw, "x.sh")
    derived = source.derive(source.text.replace("#!bin", "#!/bin"))
    assert derived.bom == codecs.BOM_UTF8 and derived.newline == "\r\n" and derived.path == "x.sh"
    assert derived.encode() == codecs.BOM_UTF8 + b"#!/bin/bash\r\n"
