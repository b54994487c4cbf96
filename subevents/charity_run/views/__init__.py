"""Pages of the Spendenlauf: public (`public`), counting (`counting`), and the
organisers' (`orga`, `documents`)."""
