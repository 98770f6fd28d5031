// The files of the sample shop (rules/ at the top of the repository), in the order
// the native CLI reads a directory (sorted, depth first), so the playground's
// quotes carry the same `rules` hash as `coinage quote`. The browser test checks
// this list against the directory.
export const sampleShop = [
    "bundles.coin",
    "currencies.coin",
    "gifts.coin",
    "promotions.coin",
    "regions.coin",
    "shop.coin",
    "tests/errors.coin",
    "tests/guards.coin",
    "tests/prices.coin",
    "tests/promotions.coin",
    "users.coin",
];
