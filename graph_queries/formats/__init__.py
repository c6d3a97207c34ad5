"""The import/export formats of an organization: a JSON document and a folder of CSV files.

- `specs`: each record's keys, shared by both formats;
- `values`: reading one value, and the messages that refuse it;
- `conversion`: a whole decoded document into an organization, with every problem found;
- `json_document`: the JSON document (`parse_document`, `to_document`, `read_json`,
  `write_json`);
- `csv_folder`: the CSV folder, pointed at by file, line and column;
- `files`: `read_organization` / `write_organization`, choosing the format from the path.
"""
