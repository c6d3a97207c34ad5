UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.element
SET r.sort = row.sort
