"""Inventory management: stock levels, reservations and restocking."""

from inventory.warehouse import StockLevel, Warehouse

__all__ = ["StockLevel", "Warehouse"]
