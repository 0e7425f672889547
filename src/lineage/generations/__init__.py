"""Recording generation attempts and changing their status, with the orphan state they
change, in one transaction each: the layer above the catalog (assets) and orphans."""
