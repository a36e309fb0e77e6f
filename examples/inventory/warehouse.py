import logging
import time
from typing import Dict, List, Optional

logger = logging.getLogger(__name__)

maxRetries = 3


class stock_level:
    def __init__(self, sku, Quantity=0):
        self.sku = sku
        self.quantity = Quantity


StockLevel = stock_level


class OutOfStock(Exception):
    pass


class Warehouse:
    """A warehouse holding stock levels by SKU."""

    defaultZone = "A"

    def __init__(self, name: str, levels: Dict[str, int] = {}) -> None:
        self.name = name
        self.levels = levels

    def ReserveItems(self, sku: str, count: int) -> int:
        """Reserve items of one SKU.

        Args:
            sku: The stock keeping unit.
        """
        available = self.levels.get(sku, 0)
        if available < count:
            raise Exception(f"only {available} of {sku} left")
        self.levels[sku] = available - count
        return self.levels[sku]

    def restock(self, sku: str, count: int, supplier: Optional[str] = None) -> List[str]:
        """Order more stock, retrying while the supplier is unavailable."""
        notes = []
        for attempt in range(maxRetries):
            try:
                notes.append(self._order(sku, count, supplier))
                break
            except:
                time.sleep(5)
        return notes

    def _order(self, sku: str, count: int, supplier: Optional[str]) -> str:
        try:
            TotalCost = count * 2
            return f"{sku}: {count} from {supplier or 'default'} for {TotalCost}"
        except ValueError as error:
            raise OutOfStock(str(error))
