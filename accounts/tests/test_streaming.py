"""Exports stream: the first chunk leaves before the rows are all read, and the file is whole."""

import csv
import datetime
import io
import uuid

from openpyxl import load_workbook

from accounts import streaming


class Counted:
    """Rows that count how many have been read."""

    def __init__(self, total: int):
        self.total, self.read = total, 0

    def __iter__(self):
        for index in range(self.total):
            self.read += 1
            yield [uuid.uuid4().hex, datetime.datetime(2026, 3, 2, 10, 21, 13), "TEL", index, ["a", "b"][index % 2]]


def test_the_xlsx_sends_its_first_chunk_before_the_rows_are_all_read_and_holds_every_row(monkeypatch):
    monkeypatch.setattr(streaming, "CHUNK", 4096)
    rows = Counted(3000)
    chunks = streaming.xlsx_chunks("Responses", ["_uuid", "submitted", "municipality", "n", "x"], rows)
    first = next(chunks)
    assert first.startswith(b"PK") and rows.read < rows.total
    data = first + b"".join(chunks)
    assert rows.read == rows.total
    sheet = load_workbook(io.BytesIO(data))["Responses"]
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3001 and values[0] == ("_uuid", "submitted", "municipality", "n", "x")
    assert values[1][1:] == (datetime.datetime(2026, 3, 2, 10, 21, 13), "TEL", 0, "a")  # a date stays a date
    assert values[-1][3] == 2999


def test_the_csv_sends_its_first_chunk_before_the_rows_are_all_read_and_holds_every_row(monkeypatch):
    monkeypatch.setattr(streaming, "CHUNK", 4096)
    rows = Counted(3000)
    chunks = streaming.csv_chunks(["_uuid", "submitted", "municipality", "n", "x"], rows)
    first = next(chunks)
    assert rows.read < rows.total
    parsed = list(csv.reader(io.StringIO((first + b"".join(chunks)).decode("utf-8"))))
    assert len(parsed) == 3001 and parsed[0][0] == "_uuid" and parsed[-1][3] == "2999"
