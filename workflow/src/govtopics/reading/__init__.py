"""Reading a corpus: files and tables in every format and encoding (ingest, readers, textcodec),
dates, and the tables and files every stage reads and writes (io)."""
