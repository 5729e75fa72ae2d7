"""The default notice texts, per kind × channel × language (English and Spanish).

Placeholders use :class:`string.Template` syntax (``$first_name`` or ``${first_name}``): it has
no attribute or index access, so an admin-edited template cannot reach into Python objects the
way ``str.format`` can. SMS texts have no subject and are kept short: the whole SMS must fit two
segments (see :mod:`kiosk.notifications.templates`). WEBHOOK notices use the SMS texts.
"""

from __future__ import annotations

# name -> what it is (shown to admins in the template editor)
PLACEHOLDERS: dict[str, str] = {
    "first_name": "The resident's first name",
    "property_name": "The property's name",
    "pickup_code": "The pickup code (or a pointer to an earlier message when none is new)",
    "parcel_count": "How many parcels, as a number",
    "parcels": 'How many parcels, in words ("2 parcels")',
    "parcel_list": "One line per parcel: its code and shelf",
    "shelves": "The shelf locations, comma-separated",
    "room_hours": "The package room's opening hours",
    "instructions": "How to collect (shortened first when an SMS is too long)",
    "qr_hint": "A line telling the resident to scan the QR code at the kiosk (e-mail only)",
    "days_waiting": "Days the oldest parcel has waited",
    "return_date": "The date unclaimed parcels go back to the sender",
    "hold_until": "The last day of a hold",
    "report_date": "The day a digest covers",
    "details": "A prepared block of details (digest figures, audit finding, escalation)",
}

# Placeholders that may be shortened or dropped to keep an SMS within two segments, in order.
SOFT_PLACEHOLDERS: tuple[str, ...] = (
    "instructions",
    "qr_hint",
    "parcel_list",
    "details",
    "shelves",
    "property_name",
)

# (kind, channel, language) -> (subject, body); channel is "email" or "sms".
DEFAULT_TEXTS: dict[tuple[str, str, str], tuple[str, str]] = {
    # ------------------------------------------------------------------ arrival
    ("arrival", "email", "en"): (
        "$parcels waiting for you at $property_name",
        "Hello $first_name,\n\n"
        "You have $parcels waiting at $property_name.\n\n"
        "Pickup code: $pickup_code\n"
        "Where: $shelves\n"
        "Room hours: $room_hours\n\n"
        "$parcel_list\n\n"
        "$instructions\n"
        "$qr_hint\n",
    ),
    ("arrival", "email", "es"): (
        "Tiene $parcels en $property_name",
        "Hola $first_name:\n\n"
        "Tiene $parcels esperándole en $property_name.\n\n"
        "Código de recogida: $pickup_code\n"
        "Dónde: $shelves\n"
        "Horario de la sala: $room_hours\n\n"
        "$parcel_list\n\n"
        "$instructions\n"
        "$qr_hint\n",
    ),
    ("arrival", "sms", "en"): (
        "",
        "$property_name: $parcels for $first_name. Code $pickup_code. Shelf $shelves. "
        "Hours $room_hours. $instructions",
    ),
    ("arrival", "sms", "es"): (
        "",
        "$property_name: $parcels para $first_name. Código $pickup_code. Estante $shelves. "
        "Horario $room_hours. $instructions",
    ),
    # ------------------------------------------------------------------ perishable
    ("perishable", "email", "en"): (
        "Perishable parcel waiting at $property_name: please collect it today",
        "Hello $first_name,\n\n"
        "A perishable delivery arrived for you at $property_name and is kept in $shelves. "
        "Please collect it as soon as you can.\n\n"
        "Pickup code: $pickup_code\n"
        "Room hours: $room_hours\n\n"
        "$parcel_list\n\n"
        "$instructions\n"
        "$qr_hint\n",
    ),
    ("perishable", "email", "es"): (
        "Paquete perecedero en $property_name: recójalo hoy",
        "Hola $first_name:\n\n"
        "Llegó una entrega perecedera para usted a $property_name y se guarda en $shelves. "
        "Recójala lo antes posible.\n\n"
        "Código de recogida: $pickup_code\n"
        "Horario de la sala: $room_hours\n\n"
        "$parcel_list\n\n"
        "$instructions\n"
        "$qr_hint\n",
    ),
    ("perishable", "sms", "en"): (
        "",
        "$property_name: PERISHABLE delivery for $first_name in $shelves. Please collect today. "
        "Code $pickup_code. $instructions",
    ),
    ("perishable", "sms", "es"): (
        "",
        "$property_name: entrega PERECEDERA para $first_name en $shelves. Recójala hoy. "
        "Código $pickup_code. $instructions",
    ),
    # ------------------------------------------------------------------ reminder
    ("reminder", "email", "en"): (
        "Reminder: you have $parcels waiting at $property_name",
        "Hello $first_name,\n\n"
        "You still have $parcels waiting at $property_name, the oldest for $days_waiting days.\n\n"
        "$parcel_list\n\n"
        "Room hours: $room_hours\n"
        "Use the pickup code from your arrival message; the front desk can send you a new one.\n\n"
        "$instructions\n",
    ),
    ("reminder", "email", "es"): (
        "Recordatorio: tiene $parcels en $property_name",
        "Hola $first_name:\n\n"
        "Todavía tiene $parcels esperándole en $property_name, el más antiguo desde hace "
        "$days_waiting días.\n\n"
        "$parcel_list\n\n"
        "Horario de la sala: $room_hours\n"
        "Use el código de su mensaje de llegada; la recepción puede enviarle uno nuevo.\n\n"
        "$instructions\n",
    ),
    ("reminder", "sms", "en"): (
        "",
        "$property_name: reminder, $first_name has $parcels waiting ($days_waiting days) "
        "($shelves). Use the code from your arrival message. $instructions",
    ),
    ("reminder", "sms", "es"): (
        "",
        "$property_name: recordatorio, $first_name tiene $parcels esperando ($days_waiting días) "
        "($shelves). Use el código de su mensaje de llegada. $instructions",
    ),
    # ------------------------------------------------------------------ final notice
    ("final_notice", "email", "en"): (
        "Final notice: your parcels go back to the sender on $return_date",
        "Hello $first_name,\n\n"
        "You have $parcels at $property_name, the oldest waiting $days_waiting days. Unless "
        "collected by then, your parcels go back to the sender on $return_date.\n\n"
        "$parcel_list\n\n"
        "Room hours: $room_hours\n"
        "If you are away, ask the front desk to put them on hold.\n",
    ),
    ("final_notice", "email", "es"): (
        "Último aviso: sus paquetes vuelven al remitente el $return_date",
        "Hola $first_name:\n\n"
        "Tiene $parcels en $property_name, el más antiguo desde hace $days_waiting días. Si no "
        "los recoge antes, sus paquetes se devolverán al remitente el $return_date.\n\n"
        "$parcel_list\n\n"
        "Horario de la sala: $room_hours\n"
        "Si está de viaje, pida en recepción que los retengan.\n",
    ),
    ("final_notice", "sms", "en"): (
        "",
        "$property_name: FINAL NOTICE for $first_name: $parcels go back to the sender on "
        "$return_date unless collected. Away? Ask the desk for a hold.",
    ),
    ("final_notice", "sms", "es"): (
        "",
        "$property_name: ÚLTIMO AVISO para $first_name: sus paquetes vuelven al remitente el "
        "$return_date si no los recoge. ¿Está fuera? Pida una retención en recepción.",
    ),
    # ------------------------------------------------------------------ returned
    ("returned", "email", "en"): (
        "Returned to the sender: $parcels",
        "Hello $first_name,\n\n"
        "We returned $parcels to the sender on $return_date: they waited longer than the "
        "building allows.\n\n$parcel_list\n\n"
        "Please contact the sender to arrange a new delivery.\n",
    ),
    ("returned", "email", "es"): (
        "Devuelto al remitente: $parcels",
        "Hola $first_name:\n\n"
        "Devolvimos $parcels al remitente el $return_date: esperaron más de lo permitido.\n\n"
        "$parcel_list\n\nContacte con el remitente para una nueva entrega.\n",
    ),
    ("returned", "sms", "en"): (
        "",
        "$property_name: we returned $parcels for $first_name to the sender on $return_date. "
        "Please contact the sender.",
    ),
    ("returned", "sms", "es"): (
        "",
        "$property_name: devolvimos $parcels de $first_name al remitente el $return_date. "
        "Contacte con el remitente.",
    ),
    # ------------------------------------------------------------------ holds
    ("hold_started", "email", "en"): (
        "Your parcels are on hold until $hold_until",
        "Hello $first_name,\n\n"
        "$property_name is holding your parcels until $hold_until. They will not be returned to "
        "the sender meanwhile, and we will write when the hold ends.\n",
    ),
    ("hold_started", "email", "es"): (
        "Sus paquetes quedan retenidos hasta el $hold_until",
        "Hola $first_name:\n\n"
        "$property_name retiene sus paquetes hasta el $hold_until. Mientras tanto no se devolverán "
        "al remitente, y le escribiremos cuando termine la retención.\n",
    ),
    ("hold_started", "sms", "en"): (
        "",
        "$property_name: parcels for $first_name are on hold until $hold_until.",
    ),
    ("hold_started", "sms", "es"): (
        "",
        "$property_name: los paquetes de $first_name quedan retenidos hasta el $hold_until.",
    ),
    ("hold_ended", "email", "en"): (
        "Your hold has ended: you have $parcels at $property_name",
        "Hello $first_name,\n\n"
        "Your hold at $property_name has ended and you have $parcels waiting.\n\n"
        "$parcel_list\n\n"
        "Room hours: $room_hours\n"
        "Use the pickup code from your arrival message; the front desk can send you a new one.\n",
    ),
    ("hold_ended", "email", "es"): (
        "Terminó su retención: tiene $parcels en $property_name",
        "Hola $first_name:\n\n"
        "Terminó su retención en $property_name y tiene $parcels esperándole.\n\n"
        "$parcel_list\n\n"
        "Horario de la sala: $room_hours\n"
        "Use el código de su mensaje de llegada; la recepción puede enviarle uno nuevo.\n",
    ),
    ("hold_ended", "sms", "en"): (
        "",
        "$property_name: hold ended, $first_name has $parcels waiting ($shelves). "
        "Use the code from your arrival message.",
    ),
    ("hold_ended", "sms", "es"): (
        "",
        "$property_name: terminó la retención, $first_name tiene $parcels esperando ($shelves). "
        "Use el código de su mensaje de llegada.",
    ),
    # ------------------------------------------------------------------ audit finding
    ("audit_finding", "email", "en"): (
        "About your parcel at $property_name",
        "Hello $first_name,\n\n"
        "During our weekly check of the package room we found something about your parcel that "
        "needs your help:\n\n$details\n\nPlease contact the front desk.\n",
    ),
    ("audit_finding", "email", "es"): (
        "Sobre su paquete en $property_name",
        "Hola $first_name:\n\n"
        "En la revisión semanal de la sala de paquetes encontramos algo sobre su paquete que "
        "necesita su ayuda:\n\n$details\n\nPóngase en contacto con la recepción.\n",
    ),
    ("audit_finding", "sms", "en"): (
        "",
        "$property_name: please contact the front desk about your parcel. $details",
    ),
    ("audit_finding", "sms", "es"): (
        "",
        "$property_name: contacte con la recepción sobre su paquete. $details",
    ),
    # ------------------------------------------------------------------ staff notices
    ("digest", "email", "en"): (
        "Package room digest for $property_name, $report_date",
        "Package room digest for $property_name, $report_date\n\n$details\n",
    ),
    ("digest", "email", "es"): (
        "Resumen de la sala de paquetes de $property_name, $report_date",
        "Resumen de la sala de paquetes de $property_name, $report_date\n\n$details\n",
    ),
    ("digest", "sms", "en"): ("", "$property_name digest $report_date: $details"),
    ("digest", "sms", "es"): ("", "$property_name resumen $report_date: $details"),
    ("perishable_escalation", "email", "en"): (
        "Perishable parcel not collected at $property_name",
        "A perishable parcel has waited longer than the alert time and was not collected.\n\n"
        "$details\n\nPlease call the resident; keep it cold meanwhile.\n",
    ),
    ("perishable_escalation", "email", "es"): (
        "Paquete perecedero sin recoger en $property_name",
        "Un paquete perecedero lleva más tiempo del límite de alerta sin recogerse.\n\n"
        "$details\n\nLlame al residente y manténgalo en frío mientras tanto.\n",
    ),
    ("perishable_escalation", "sms", "en"): (
        "",
        "$property_name: perishable parcel not collected. $details",
    ),
    ("perishable_escalation", "sms", "es"): (
        "",
        "$property_name: paquete perecedero sin recoger. $details",
    ),
    # A resident reported a parcel missing or damaged at the kiosk ("Something's wrong").
    ("pickup_problem", "email", "en"): (
        "Parcel problem reported at $property_name",
        "A resident reported a problem with a parcel at the package-room kiosk.\n\n"
        "$details\n\nThe parcel is on the Needs attention list. Please check it and contact the resident.\n",
    ),
    ("pickup_problem", "email", "es"): (
        "Problema con un paquete en $property_name",
        "Un residente informó de un problema con un paquete en el quiosco de la sala de paquetes.\n\n"
        "$details\n\nEl paquete está en la lista Requiere atención. Revíselo y contacte con el residente.\n",
    ),
    ("pickup_problem", "sms", "en"): ("", "$property_name: parcel problem reported. $details"),
    ("pickup_problem", "sms", "es"): ("", "$property_name: problema con un paquete. $details"),
}

KINDS: tuple[str, ...] = tuple(dict.fromkeys(kind for kind, _channel, _language in DEFAULT_TEXTS))
LANGUAGES: tuple[str, ...] = ("en", "es")

# Phrases the content builder uses, per language.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "parcel_one": "1 parcel",
        "parcel_many": "{n} parcels",
        "earlier_code": "the code from your earlier message",
        "open_all_day": "open 24 hours",
        "instructions": "Enter your code on the kiosk keypad in the package room "
        "(or scan the QR code), "
        "take your parcels from the shelves shown and scan each label on the way out.",
        "instructions_sms": "Enter the code at the kiosk and scan each label on the way out.",
        "signature": "A signature is needed: collect at the front desk.",
        "perishable": "Perishable: please collect it today.",
        "qr_hint": "At the kiosk you can also scan the QR code in this e-mail.",
        "qr_alt": "QR code for your pickup code",
        "digest_in": "Parcels received",
        "digest_out": "Parcels picked up",
        "digest_waiting": "Waiting now",
        "digest_perishable": "Perishables waiting",
        "digest_oldest": "Oldest waiting",
        "digest_failed": "Failed notices",
        "digest_none": "none",
        "digest_days": "{code} on {shelf}, {days} days",
        "escalation": "Parcel {code} for unit {unit} on {shelf}, waiting {hours} hours.",
    },
    "es": {
        "parcel_one": "1 paquete",
        "parcel_many": "{n} paquetes",
        "earlier_code": "el código de su mensaje anterior",
        "open_all_day": "abierta 24 horas",
        "instructions": "Introduzca su código en el teclado del quiosco de la sala de paquetes "
        "(o escanee "
        "el código QR), tome sus paquetes de los estantes indicados y escanee cada "
        "etiqueta al salir.",
        "instructions_sms": "Introduzca el código en el quiosco y escanee cada etiqueta al salir.",
        "signature": "Se necesita firma: recójalo en recepción.",
        "perishable": "Perecedero: recójalo hoy.",
        "qr_hint": "En el quiosco también puede escanear el código QR de este correo.",
        "qr_alt": "Código QR de su código de recogida",
        "digest_in": "Paquetes recibidos",
        "digest_out": "Paquetes recogidos",
        "digest_waiting": "Esperando ahora",
        "digest_perishable": "Perecederos esperando",
        "digest_oldest": "El más antiguo",
        "digest_failed": "Avisos fallidos",
        "digest_none": "ninguno",
        "digest_days": "{code} en {shelf}, {days} días",
        "escalation": "Paquete {code} para la unidad {unit} en {shelf}, esperando {hours} horas.",
    },
}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}
