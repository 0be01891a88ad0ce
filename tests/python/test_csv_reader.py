"""The script reads CSV files by Nanograd Studio's rules (src-shared/data/csv)."""
import pytest

from torch_script import csv_reader


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_delimiter_is_the_most_frequent_one_outside_quotes_in_the_header_line():
    assert csv_reader.detect_delimiter("a,b,c\n1,2,3\n") == ","
    assert csv_reader.detect_delimiter('"x,y";b;c\n1;2;3\n') == ";"
    assert csv_reader.detect_delimiter("a\tb\n1,5\t2\n") == "\t"
    # Blank lines before the header do not end the header line.
    assert csv_reader.detect_delimiter("\n\na;b\n") == ";"


def test_numbers_are_strict_and_decimal_commas_count_only_when_allowed():
    assert csv_reader.parse_number("1.5e3", False) == 1500.0
    assert csv_reader.parse_number(".5", False) == 0.5
    assert csv_reader.parse_number("3,5", False) is None
    assert csv_reader.parse_number("3,5", True) == 3.5
    assert csv_reader.parse_number("1e39", False) is None  # beyond float32
    assert csv_reader.parse_number("0x10", False) is None
    assert csv_reader.parse_number("inf", False) is None


def test_read_csv_trims_cells_skips_blank_lines_and_reports_ragged_rows(tmp_path):
    header, rows, lines, delimiter = csv_reader.read_csv(write(tmp_path, "\ufeffa, b\n 1 ,x\n\n2,y\n"))
    assert header == ["a", "b"] and rows == [["1", "x"], ["2", "y"]] and lines == [2, 4] and delimiter == ","
    with pytest.raises(csv_reader.InputError, match=r"row 3 is ragged: expected 2 fields"):
        csv_reader.read_csv(write(tmp_path, "a,b\n1,2\n3\n", "ragged.csv"))
    with pytest.raises(csv_reader.InputError, match="is empty"):
        csv_reader.read_csv(write(tmp_path, "  \n", "empty.csv"))


def test_missing_value_markers_empty_only_mostly_numeric_columns():
    header = ["n", "word"]
    rows = [["1", "?"], ["NA", "b"], ["3", "c"], ["?", "d"], ["5", "e"]]
    marked = csv_reader.mark_missing(header, rows, ",")
    assert marked == {(1, 0): "NA", (3, 0): "?"}
    assert [row[0] for row in rows] == ["1", "", "3", "", "5"]
    assert [row[1] for row in rows] == ["?", "b", "c", "d", "e"]  # a text column keeps its "?"


def test_encode_rows_one_hot_encodes_and_drops_rows_with_missing_cells(tmp_path):
    header = ["color", "size", "extra"]
    rows = [["blue", "2.5", "x"], ["green", "1", "y"], ["red", "", "z"]]
    features, kept = csv_reader.encode_rows("d.csv", header, rows, [2, 3, 4], ",")
    assert kept == [0, 1]  # the example model's policy is drop
    assert features.tolist() == [[2.5, 0.0, 1.0], [1.0, 0.0, 0.0]]  # unseen "green" is all zeros
    with pytest.raises(csv_reader.InputError, match='has no column "size"'):
        csv_reader.encode_rows("d.csv", ["color"], [["red"]], [2], ",")
    with pytest.raises(csv_reader.InputError, match='row 2, column "size": "big" is not a number'):
        csv_reader.encode_rows("d.csv", header, [["red", "big", "x"]], [2], ",")
