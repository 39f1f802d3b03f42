"""The bench's verdict: the median of interleaved pairs, printed with its min–max."""

import pytest

from fairdesk.bench import Figure, Pairs, blocks, interleaved, p95


def test_interleaved_alternates_which_side_goes_first() -> None:
    order: list[str] = []

    def ours() -> float:
        order.append("ours")
        return 2.0

    def base() -> float:
        order.append("base")
        return 1.0

    measured = interleaved(ours, base, pairs=4)
    assert order == ["ours", "base", "base", "ours", "ours", "base", "base", "ours"]
    assert measured.ratios == (2.0, 2.0, 2.0, 2.0)


def test_one_loaded_pair_does_not_move_the_verdict() -> None:
    # the fourth pair ran while another process took the core: ours read 10x slower
    measured = Pairs((2.0, 2.1, 1.9, 20.0, 2.0), (1.0, 1.0, 1.0, 1.0, 1.0))
    figure = Figure.of("x", "ms", "ratio <= 3", measured)
    assert figure.ratio == pytest.approx(2.0)
    assert figure.ok
    assert figure.spread == "1.9–20"
    assert figure.as_dict()["pairs"] == [2.0, 2.1, 1.9, 20.0, 2.0]


def test_blocks_cut_call_by_call_samples_into_pairs() -> None:
    ours = [float(n) for n in range(1, 11)]
    base = [1.0] * 10
    measured = blocks(ours, base, max, pairs=5)
    assert measured.ours == (2.0, 4.0, 6.0, 8.0, 10.0)
    assert measured.base == (1.0,) * 5
    with pytest.raises(ValueError, match="need 5 or more"):
        blocks([1.0], [1.0], p95)


def test_a_figure_measured_once_has_no_spread() -> None:
    figure = Figure("x", 6.0, "ms", 2.0, "ratio <= 2")
    assert figure.ratio == 3.0
    assert not figure.ok
    assert figure.spread == ""
