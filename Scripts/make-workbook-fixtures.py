#!/usr/bin/python3
"""Writes the workbook fixtures of Tests/Fixtures/import/tools/ (run once; the files are committed, so the
tests need none of these packages). Each imitates what a tool's export code writes:

- amapress-utilisateurs.xlsx: Amapress's users export (PhpSpreadsheet, .xlsx only): two « Nom » columns, the
  name shown and the family name; a registration date as a date cell; a phone number typed as a number.
- amapj-adherents.xls: AMAPJ's « Liste des adhérents » (Apache POI, Excel 97-2003): a title line and a blank
  line above the header, ACTIF/INACTIF, « lucie# » for no address (the same rows as amapj-adherents.csv).
- adherents.xlsx: a coordinator's own member list saved from Excel (openpyxl writes the same parts).
- adherents.ods: the same list saved by LibreOffice (content.xml written by hand, as LibreOffice lays it out:
  repeated empty cells and rows in one element).

Needs python3-openpyxl and python3-xlwt (apt).
"""
import datetime
import os
import zipfile

import openpyxl
import xlwt

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "import", "tools")

# Amapress: the users list exported as .xlsx.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Utilisateurs"
sheet.append(["Identifiant", "Nom", "Email", "Rôles", "Prénom", "Nom", "Téléphone", "Adresse", "Inscrit le"])
sheet.append(["cdupont", "Camille Dupont", "camille@example.net", "Amapien", "Camille", "Dupont", "06 12 34 56 78",
              "3 rue des Bois, 93260 Les Lilas", datetime.date(2024, 9, 3)])
sheet.append(["jnguyen", "Jérôme Nguyen", "jerome@example.net", "Amapien, Responsable", "Jérôme", "Nguyen",
              612345678, "", datetime.date(2025, 1, 14)])
sheet.append(["amoreau", "A. Moreau", "a.moreau@example.net", "Amapien", "Alix", "Moreau", None, None, None])
for row in sheet.iter_rows(min_row=2, min_col=9, max_col=9):
    for cell in row:
        cell.number_format = "DD/MM/YYYY"
book.save(os.path.join(here, "amapress-utilisateurs.xlsx"))

# AMAPJ: « Liste des adhérents » as .xls.
book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("Liste des adhérents")
sheet.write(0, 0, "Extrait le 20/11/2026 09:14:02")
header = ["Nom", "Prénom", "E mail", "Tel1", "Tel2", "Adr", "Code Postal", "Ville", "Rôle", "Actif/Inactif"]
rows = [
    ["DUPONT", "Camille", "camille@example.net", "06 12 34 56 78", "", "3 rue des Lilas", 93260, "Les Lilas",
     "Adhérent", "ACTIF"],
    ["NGUYEN", "Jérôme", "jerome@example.net", "", "", "", "", "", "Adhérent", "INACTIF"],
    ["MOREAU", "Lucie", "lucie#", "01 23 45 67 89", "", "", "", "", "Adhérent", "ACTIF"],
]
for column, text in enumerate(header):
    sheet.write(2, column, text)
for r, row in enumerate(rows):
    for column, value in enumerate(row):
        if value != "":
            sheet.write(3 + r, column, value)
book.save(os.path.join(here, "amapj-adherents.xls"))

# A coordinator's own list from Excel.
members = [
    ("Nom", "Prénom", "Courriel", "Téléphone", "Actif"),
    ("Dupont", "Camille", "camille@example.net", "06 12 34 56 78", "oui"),
    ("Nguyen", "Jérôme", "jerome@example.net", None, "non"),
]
book = openpyxl.Workbook()
for row in members:
    book.active.append(list(row))
book.save(os.path.join(here, "adherents.xlsx"))

# The same list as LibreOffice saves it (.ods).
def cell(value):
    if value is None:
        return '<table:table-cell/>'
    return ('<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell>' % value)

body = "".join('<table:table-row table:style-name="ro1">%s<table:table-cell table:number-columns-repeated="1019"/>'
               '</table:table-row>' % "".join(cell(v) for v in row) for row in members)
content = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">'
    '<office:body><office:spreadsheet><table:table table:name="Feuille1" table:style-name="ta1">'
    '<table:table-column table:style-name="co1" table:number-columns-repeated="5" '
    'table:default-cell-style-name="Default"/>'
    + body +
    '<table:table-row table:style-name="ro1" table:number-rows-repeated="1048573">'
    '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    '</table:table><table:table table:name="Feuille2"><table:table-row><table:table-cell office:value-type="string">'
    '<text:p>autre feuille</text:p></table:table-cell></table:table-row></table:table>'
    '</office:spreadsheet></office:body></office:document-content>')
with zipfile.ZipFile(os.path.join(here, "adherents.ods"), "w") as ods:
    ods.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                 compress_type=zipfile.ZIP_STORED)
    ods.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    ods.writestr("META-INF/manifest.xml",
                 '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                 'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                 '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                 '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                 'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
                 compress_type=zipfile.ZIP_DEFLATED)
print("written in", os.path.normpath(here))
