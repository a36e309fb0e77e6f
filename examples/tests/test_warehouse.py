# Docstrings and N802 are not required here: see per-file-ignores in ../pyproject.toml.
from inventory.warehouse import Warehouse


def test_ReserveItems_lowers_the_stock() -> None:
    warehouse = Warehouse("north", {"apple": 3})
    assert warehouse.ReserveItems("apple", 2) == 1
