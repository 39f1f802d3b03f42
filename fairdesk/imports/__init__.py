"""Reading what the organizer is sent: the roster, the résumé folder, the employer list.

Pure: no database, no services. ``readers`` turns a CSV/XLSX file into rows,
``mapping`` says which column is which field, ``cleaning`` and ``roster`` /
``employer_rows`` turn rows into records with a reason for every row not
taken, ``resume_files`` checks résumé files and ``matching`` finds their owner.
The service :mod:`fairdesk.services.importing` writes the result as ops.
"""
