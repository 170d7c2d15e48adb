"""Printable documents, made with fpdf2: the SKP (skp.py) and award certificates
(certificates.py), in Indonesian."""
