"""Two small containers the tables and the index are made of: distinct keys with integer ids,
and compressed rows of integers (an inverted list per key)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from matching.normalize import compact


class Keys:
    """Distinct keys in first-seen order, each with an integer id."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[str] = []

    def intern(self, text_key: str) -> int:
        found = self.ids.get(text_key)
        if found is None:
            found = self.ids[text_key] = len(self.keys)
            self.keys.append(text_key)
        return found

    def compacts(self, ids: Iterable[int] | None = None) -> list[str]:
        chosen = self.keys if ids is None else (self.keys[i] for i in ids)
        return [compact(k) for k in chosen]

    def __len__(self) -> int:
        return len(self.keys)


class Postings:
    """Compressed rows of integers (row -> values), read many rows at once without a loop."""

    def __init__(self, rows: np.ndarray, values: np.ndarray, n_rows: int) -> None:
        order = np.argsort(rows, kind="stable")
        self.values = values[order].astype(np.int32)
        self.indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=self.indptr[1:])

    def row(self, row_id: int) -> np.ndarray:
        return self.values[self.indptr[row_id]:self.indptr[row_id + 1]]

    def pairs(self, owners: np.ndarray, row_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The values of many rows at once, each beside the owner of the row it came from (a
        vacancy of a batch, say)."""
        starts = self.indptr[row_ids]
        lengths = self.indptr[row_ids + 1] - starts
        return np.repeat(owners, lengths), self.values[spans(starts, lengths)]


def spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions start, start + 1, ... start + length - 1 of every span, concatenated."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shifts = np.repeat(np.asarray(starts, dtype=np.int64) - np.cumsum(lengths) + lengths, lengths)
    return shifts + np.arange(total)

