/**
 * The comment line that stands between two notebook cells in the module the engine reads
 * (notebook/module.ts). The engine knows no notebooks, but one rule family must see cells: isort
 * sorts imports cell by cell, and an import block that ends its cell needs no blank lines after it
 * (I001 reads this line as a `# isort: split` that also ends the block's trailer).
 */
// It mentions isort so that the isort scan, which reads only comments that do, sees it.
export const CELL_BOUNDARY = '# pyconv: notebook cell boundary (isort: split)';
