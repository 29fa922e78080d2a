"""A report of a working group of the older shape as a person types it in Word, in English and in
Spanish (python-docx): the heading block line by line, parts numbered by typing "1." and "(a)",
the participating bodies as bullets, tables with merged cells, and the Spanish plan typed with
one of its texts continued on a row of its own."""

import io

import docx

HEADING = {
    "en": [
        "UNITED NATIONS",
        "ECONOMIC COMMISSION FOR LATIN AMERICA AND THE CARIBBEAN",
        "Distr. LIMITED",
        "LC/CE.40/DDR/7",
        "2 April 2041",
        "ENGLISH",
        "ORIGINAL: SPANISH",
        "Fortieth meeting of the Executive Committee of the Statistical Conference of the Americas "
        "of the Economic Commission for Latin America and the Caribbean",
        "Santiago, 7-8 April 2041",
        "Report of the Working Group on Household Surveys",
    ],
    "es": [
        "NACIONES UNIDAS",
        "COMISIÓN ECONÓMICA PARA AMÉRICA LATINA Y EL CARIBE",
        "Distr. LIMITADA",
        "LC/CE.40/DDR/7",
        "2 de abril de 2041",
        "ORIGINAL: ESPAÑOL",
        "Cuadragésima reunión del Comité Ejecutivo de la Conferencia Estadística de las Américas "
        "de la Comisión Económica para América Latina y el Caribe",
        "Santiago, 7 y 8 de abril de 2041",
        "Informe del Grupo de Trabajo sobre Encuestas de Hogares",
    ],
}
# (number, English heading, Spanish heading): the parts as typed, in order.
PARTS = [
    ("1.", "Introduction", "Introducción"),
    ("2.", "Composition of the working group", "Composición del grupo de trabajo"),
    ("3.", "Programme of work 2040-2041", "Programa de trabajo 2040-2041"),
    ("(a)", "General and specific objectives", "Objetivos generales y específicos"),
    ("(b)", "Activities and action lines for the period", "Actividades y líneas de acción para el período"),
    (
        "(c)",
        "Outputs to be submitted to the Statistical Conference of the Americas",
        "Productos previstos para la próxima reunión de la Conferencia Estadística de las Américas",
    ),
    ("(d)", "Budget and financing", "Presupuesto y financiamiento"),
    ("4.", "Results of the previous programme", "Resultados del programa anterior"),
    ("5.", "Progress to date", "Avances hasta la fecha"),
    ("6.", "Events held", "Eventos realizados"),
    ("7.", "Plan of activities", "Planificación de las actividades del período"),
    ("8.", "Conclusions", "Conclusiones"),
]
TEXTS = {
    "introduction": (
        "This report is submitted to the Executive Committee.",
        "Este informe se presenta al Comité Ejecutivo.",
    ),
    "general": (
        "Promote household surveys in the region.",
        "Promover las encuestas de hogares en la región.",
    ),
    "lead_in": ("The group proposes to:", "El grupo se propone:"),
    "closing": ("These objectives guide the plan.", "Estos objetivos orientan el plan."),
    "outputs_lead_in": (
        "The group will submit the following outputs:",
        "El grupo presentará los siguientes productos:",
    ),
    "financing": (
        "The group's work is financed by its members.",
        "El trabajo del grupo se financia con aportes de sus miembros.",
    ),
    "previous": ("The previous programme produced a glossary.", "El programa anterior produjo un glosario."),
    "progress": (
        ("The group met twice.", "It agreed on a common questionnaire."),
        ("El grupo se reunió dos veces.", "Acordó un cuestionario común."),
    ),
    "conclusions": ("The group met most of its goals.", "El grupo cumplió la mayoría de sus metas."),
}
SPECIFIC = [
    ("Measure unpaid work", "Medir el trabajo no remunerado"),
    ("Train the producers", "Capacitar a los productores"),
]
# Objective, area, action line: the objective's and the area's cells merged down their rows.
AREAS = [
    (
        1,
        ("Household surveys", "Encuestas de hogares"),
        ("Harmonize the questions on time use", "Armonizar las preguntas sobre uso del tiempo"),
    ),
    (
        1,
        ("Household surveys", "Encuestas de hogares"),
        ("Share the questionnaires of the region", "Compartir los cuestionarios de la región"),
    ),
    (
        1,
        ("Administrative records", "Registros administrativos"),
        ("Review the registers of violence", "Revisar los registros de violencia"),
    ),
    (2, ("Training", "Capacitación"), ("Hold a regional course", "Realizar un curso regional")),
]
# Objective, output, agency as written, timetable.
OUTPUTS = [
    (
        1,
        ("Regional guide on time-use surveys", "Guía regional sobre encuestas de uso del tiempo"),
        (
            "The coordinating countries with the support of ECLAC",
            "Los países coordinadores con el apoyo de la CEPAL",
        ),
        ("First half of 2041", "Primer semestre de 2041"),
    ),
    (
        1,
        ("Inventory of registers of violence", "Inventario de registros de violencia"),
        ("Coordinating countries", "Países coordinadores"),
        ("March to May 2041", "Marzo a mayo de 2041"),
    ),
    (
        2,
        ("Manual for trainers", "Manual para formadores"),
        ("The technical secretariat", "La secretaría técnica"),
        ("Completed (October 2040)", "Concluido (octubre de 2040)"),
    ),
]
# The plan's rows: its own texts. The Spanish file continues row 2's text on a row of its own.
PLAN = [
    ("Regional workshop on time use", "Taller regional sobre uso del tiempo", "May 2041", "Mayo de 2041"),
    (
        "Consultation of the countries on the guide",
        "Consulta a los países sobre la guía",
        "June to August 2041",
        "Junio a agosto de 2041",
    ),
    ("Presentation to the Conference", "Presentación a la Conferencia", "November 2041", "Noviembre de 2041"),
]
SPLIT_AT = "sobre la guía"  # the Spanish row 2 is typed as "Consulta a los países" + a row "sobre la guía"
ROLES = {
    "en": [
        "Coordinating country: Chile: National Institute of Statistics (INE).",
        "Member countries: Argentina, Brazil and Peru.",
        "Technical secretariat: Economic Commission for Latin America and the Caribbean (ECLAC).",
        "Participating bodies:",
    ],
    "es": [
        "País coordinador: Chile: Instituto Nacional de Estadísticas (INE).",
        "Países miembros: Argentina, Brasil y Perú.",
        "Secretaría técnica: Comisión Económica para América Latina y el Caribe (CEPAL).",
        "Organismos participantes:",
    ],
}
# By its acronym alone, the first may be Ecuador's or Panama's institute; the second is in no
# register.
BODIES = {
    "en": ["INEC", "Statistics Office of Atlantis (SOA)"],
    "es": ["INEC", "Oficina de Estadística de la Atlántida (OEAT)"],
}
HEADERS = {
    "areas": (
        ("Programme objective", "Programme area", "Action line"),
        ("Objetivo programático", "Área programática", "Línea de acción"),
    ),
    "outputs": (
        ("No.", "Output", "Agency responsible", "Timetable"),
        ("N.º", "Producto", "Responsables", "Cronograma"),
    ),
    "plan": (("No.", "Output", "Timetable"), ("N.º", "Producto", "Cronograma")),
    "events": (("Event", "Place", "Dates"), ("Evento", "Lugar", "Fechas")),
}
# Kind, title, place (empty: virtual), dates, as the report prints them.
EVENTS = [
    (
        ("Workshop", "Taller"),
        ("Regional workshop on surveys", "Taller regional sobre encuestas"),
        ("Quito", "Quito"),
        ("4-6 March 2041", "4 a 6 de marzo de 2041"),
    ),
    (
        ("Meeting", "Reunión"),
        ("Meeting of the group", "Reunión del grupo"),
        ("Virtual", "Virtual"),
        ("10 June 2041", "10 de junio de 2041"),
    ),
]
ROMAN = {1: "I", 2: "II"}


def _table(word, header, rows):
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def _merge_down(table, column, first, last):
    """Merge the column's cells from row `first` to `last` (vMerge), keeping the first's text."""
    if last > first:
        text = table.cell(first, column).text
        for r in range(first + 1, last + 1):
            table.cell(r, column).text = ""
        table.cell(first, column).merge(table.cell(last, column)).text = text


def _areas_table(word, i):
    rows = [[f"{ROMAN[n]}. {SPECIFIC[n - 1][i]}", area[i], line[i]] for n, area, line in AREAS]
    table = _table(word, HEADERS["areas"][i], rows)
    for column, key in ((0, lambda a: a[0]), (1, lambda a: (a[0], a[1]))):
        start = 0
        for r in range(1, len(AREAS) + 1):
            if r == len(AREAS) or key(AREAS[r]) != key(AREAS[start]):
                _merge_down(table, column, start + 1, r)
                start = r


def _plan_rows(i):
    rows = []
    for n, (en, es, when_en, when_es) in enumerate(PLAN, start=1):
        text, when = (en, when_en) if i == 0 else (es, when_es)
        if i == 1 and text.endswith(SPLIT_AT):
            rows += [[str(n), text[: -len(SPLIT_AT)].strip(), when], ["", SPLIT_AT, ""]]
        else:
            rows.append([str(n), text, when])
    return rows


def _objectives(word, i):
    word.add_paragraph(("General objective", "Objetivo general")[i])
    word.add_paragraph(TEXTS["general"][i])
    word.add_paragraph(("Specific objectives", "Objetivos específicos")[i])
    word.add_paragraph(TEXTS["lead_in"][i])
    for n, objective in enumerate(SPECIFIC, start=1):
        word.add_paragraph(f"{n}. {objective[i]}")
    word.add_paragraph(TEXTS["closing"][i])


def _outputs(word, i):
    word.add_paragraph(TEXTS["outputs_lead_in"][i])
    for n, objective in enumerate(SPECIFIC, start=1):
        word.add_paragraph(f"{ROMAN[n]}. {objective[i]}")
        rows = [
            [str(k), out[i], agency[i], when[i]]
            for k, (o, out, agency, when) in enumerate(OUTPUTS, start=1)
            if o == n
        ]
        _table(word, HEADERS["outputs"][i], rows)


def typed_report(lang: str):
    """The report typed in `lang`, as a python-docx Document."""
    i = 0 if lang == "en" else 1
    word = docx.Document()
    for line in HEADING[lang]:
        word.add_paragraph(line)
    bodies = {
        "1.": lambda: word.add_paragraph(TEXTS["introduction"][i]),
        "2.": lambda: (
            [word.add_paragraph(line) for line in ROLES[lang]]
            + [word.add_paragraph(body, style="List Bullet") for body in BODIES[lang]]
        ),
        "(a)": lambda: _objectives(word, i),
        "(b)": lambda: _areas_table(word, i),
        "(c)": lambda: _outputs(word, i),
        "(d)": lambda: word.add_paragraph(TEXTS["financing"][i]),
        "4.": lambda: word.add_paragraph(TEXTS["previous"][i]),
        "5.": lambda: [word.add_paragraph(text) for text in TEXTS["progress"][i]],
        "6.": lambda: _table(
            word,
            HEADERS["events"][i],
            [[f"{kind[i]}: {title[i]}", place[i], when[i]] for kind, title, place, when in EVENTS],
        ),
        "7.": lambda: _table(word, HEADERS["plan"][i], _plan_rows(i)),
        "8.": lambda: word.add_paragraph(TEXTS["conclusions"][i]),
    }
    for number, *headings in PARTS:
        word.add_paragraph(f"{number} {headings[i]}")
        if number in bodies:
            bodies[number]()
    return word


def uploaded(name: str, content: bytes) -> io.BytesIO:
    """`content` as a browser posts a file called `name` (the test client takes it so)."""
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def docx_bytes(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def typed_uploads() -> dict:
    """The report's two files as the Word reading page's form takes them."""
    return {
        "first": uploaded("report-en.docx", docx_bytes(typed_report("en"))),
        "second": uploaded("report-es.docx", docx_bytes(typed_report("es"))),
    }
