"""Price arithmetic with explicit rounding; follows every convention pyconv checks by default."""

from decimal import ROUND_HALF_EVEN, Decimal

__all__ = ["apply_discount"]

CENT = Decimal("0.01")


class PricingError(ValueError):
    """A price or a discount is out of range."""


def apply_discount(price: Decimal, percent: int) -> Decimal:
    """Return the price after a percentage discount, rounded to the cent.

    Args:
        price: The original price; not negative.
        percent: The discount, from 0 to 100.

    Returns:
        The discounted price.

    Raises:
        PricingError: The price or the discount is out of range.
    """
    if price < 0 or not 0 <= percent <= 100:
        raise PricingError(f"cannot discount {price} by {percent}%")
    discounted = price * (100 - percent) / 100
    return discounted.quantize(CENT, rounding=ROUND_HALF_EVEN)
