"""Cells as a spreadsheet should see them."""

from core.csvfiles import cell


def test_booleans_are_true_or_false_and_none_is_empty():
    assert (cell(True), cell(False), cell(None)) == ("true", "false", "")


def test_formulas_are_defused_but_negative_numbers_kept():
    assert cell("=1+1") == "'=1+1" and cell("-7.5") == "-7.5" and cell(3) == 3
