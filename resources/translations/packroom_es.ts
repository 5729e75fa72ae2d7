<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="66"/>
        <source>Scan a shelf barcode, then each parcel on it</source>
        <translation>Escanee el código de un estante y luego cada paquete que contiene</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="70"/>
        <location filename="../../ui/screens/staff/audit.py" line="77"/>
        <location filename="../../ui/screens/staff/audit.py" line="99"/>
        <source>Shelf</source>
        <translation>Estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="70"/>
        <source>Expected</source>
        <translation>Esperados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="71"/>
        <source>Found</source>
        <translation>Encontrados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="71"/>
        <source>Extra</source>
        <translation>Sobrantes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="72"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="76"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="76"/>
        <location filename="../../ui/screens/staff/audit.py" line="99"/>
        <source>Parcel</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="77"/>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="77"/>
        <source>open</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="87"/>
        <source>Note (what was done)</source>
        <translation>Nota (qué se hizo)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="90"/>
        <source>Record the parcel on the shelf where it was found</source>
        <translation>Registrar el paquete en el estante donde se encontró</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="93"/>
        <source>Manager override reason (only with open discrepancies)</source>
        <translation>Motivo de autorización del gerente (solo con discrepancias pendientes)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="100"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="100"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="101"/>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="193"/>
        <source>No audit in progress</source>
        <translation>No hay auditoría en curso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="195"/>
        <source>Audit #{0} · {1}</source>
        <translation>Auditoría #{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="197"/>
        <source>Audit #{0} signed off by {1}</source>
        <translation>Auditoría #{0} aprobada por {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="210"/>
        <source>none yet</source>
        <translation>ninguno aún</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="211"/>
        <source>{0} of {1} parcels found · {2} of {3} shelves scanned · shelf: {4}</source>
        <translation>{0} de {1} paquetes encontrados · {2} de {3} estantes escaneados · estante: {4}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="232"/>
        <source>Return to sender: {0}</source>
        <translation>Devolver al remitente: {0}</translation>
    </message>
</context>
<context>
    <name>AuditViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="88"/>
        <source>Sign in to run an audit.</source>
        <translation>Inicie sesión para hacer una auditoría.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="99"/>
        <source>Audit #{0} started. Scan the first shelf&apos;s barcode.</source>
        <translation>Auditoría #{0} iniciada. Escanee el código del primer estante.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="108"/>
        <source>Start an audit first.</source>
        <translation>Primero inicie una auditoría.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="138"/>
        <source>{0} discrepancies, {1} open.</source>
        <translation>{0} discrepancias, {1} pendientes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="140"/>
        <source>Shelves not scanned: {0}.</source>
        <translation>Estantes sin escanear: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="163"/>
        <source>Resolved: {0} {1}.</source>
        <translation>Resuelto: {0} {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="176"/>
        <source>Audit #{0} signed off by {1} at {2}.</source>
        <translation>Auditoría #{0} aprobada por {1} el {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="191"/>
        <source>Nothing to return.</source>
        <translation>No hay nada que devolver.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="198"/>
        <source>{0} parcel(s) marked returned to sender.</source>
        <translation>{0} paquete(s) marcado(s) como devuelto(s) al remitente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="200"/>
        <source>{0} could not be: {1}</source>
        <translation>{0} no se pudieron marcar: {1}</translation>
    </message>
</context>
<context>
    <name>BuildingScreen</name>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="67"/>
        <source>Building</source>
        <translation>Edificio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="72"/>
        <source>The room is open around the clock</source>
        <translation>La sala está abierta las 24 horas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="73"/>
        <source>The room is open from {0} to {1}</source>
        <translation>La sala está abierta de {0} a {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="74"/>
        <source> (set in the configuration file: room.hours_open, room.hours_close).</source>
        <translation> (se define en el archivo de configuración: room.hours_open, room.hours_close).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="80"/>
        <location filename="../../ui/screens/staff/building.py" line="133"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="81"/>
        <location filename="../../ui/screens/staff/building.py" line="121"/>
        <location filename="../../ui/screens/staff/building.py" line="134"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="82"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="83"/>
        <location filename="../../ui/screens/staff/building.py" line="139"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="84"/>
        <location filename="../../ui/screens/staff/building.py" line="126"/>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="85"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="86"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="86"/>
        <source>in use</source>
        <translation>en uso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="86"/>
        <source>not used</source>
        <translation>fuera de uso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="93"/>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="96"/>
        <source>Set capacity</source>
        <translation>Fijar capacidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="99"/>
        <location filename="../../ui/screens/staff/building.py" line="204"/>
        <source>Stop using</source>
        <translation>Dejar de usar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="102"/>
        <source>Print shelf label</source>
        <translation>Imprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="107"/>
        <source>e.g. D1</source>
        <translation>p. ej. D1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="114"/>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="138"/>
        <source>Kind, capacity</source>
        <translation>Tipo, capacidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="143"/>
        <source>Selected location</source>
        <translation>Ubicación seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="147"/>
        <source>New location</source>
        <translation>Nueva ubicación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="204"/>
        <source>Use again</source>
        <translation>Volver a usar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="209"/>
        <source>Tap a location in the list first.</source>
        <translation>Primero toque una ubicación de la lista.</translation>
    </message>
</context>
<context>
    <name>BuildingViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="96"/>
        <source>Added {0} ({1}). Print its label next.</source>
        <translation>Se agregó {0} ({1}). Ahora imprima su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="100"/>
        <source>Renamed to {0}.</source>
        <translation>Nuevo nombre: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="104"/>
        <source>{0} now holds up to {1} parcels.</source>
        <translation>{0} ahora admite hasta {1} paquetes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="108"/>
        <source>{0} is in use again.</source>
        <translation>{0} vuelve a estar en uso.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="109"/>
        <source>{0} is no longer used.</source>
        <translation>{0} ya no se usa.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="124"/>
        <source>The label for {0} was not printed: {1}</source>
        <translation>No se imprimió la etiqueta de {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="128"/>
        <source>Label for {0} sent to the printer.</source>
        <translation>Etiqueta de {0} enviada a la impresora.</translation>
    </message>
</context>
<context>
    <name>DeskPickupScreen</name>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="37"/>
        <source>Desk pickup</source>
        <translation>Entrega en recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="40"/>
        <source>Search for the resident, or scan their pickup code or badge.</source>
        <translation>Busque al residente o escanee su código de recogida o credencial.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="48"/>
        <source>Name, unit or phone</source>
        <translation>Nombre, unidad o teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="54"/>
        <source>Show the on-screen keyboard</source>
        <translation>Mostrar el teclado en pantalla</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="71"/>
        <source>All parcels</source>
        <translation>Todos los paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="84"/>
        <source>Clear signature</source>
        <translation>Borrar firma</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="89"/>
        <source>Take photo</source>
        <translation>Tomar foto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="97"/>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="102"/>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="220"/>
        <source>Release</source>
        <translation>Entregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="106"/>
        <source>Next resident</source>
        <translation>Siguiente residente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="180"/>
        <source>No resident chosen</source>
        <translation>Ningún residente elegido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="186"/>
        <source>{0} · unit {1}</source>
        <translation>{0} · unidad {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="190"/>
        <source>on hold</source>
        <translation>retenido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="199"/>
        <source>{0} (the resident)</source>
        <translation>{0} (titular)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="201"/>
        <source> (named parcels only)</source>
        <translation> (solo paquetes indicados)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="202"/>
        <source>Proxy: {0}</source>
        <translation>Autorizado: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="220"/>
        <source>Release {0} parcel(s)</source>
        <translation>Entregar {0} paquete(s)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="241"/>
        <source>Photo attached</source>
        <translation>Foto adjunta</translation>
    </message>
</context>
<context>
    <name>DeskPickupViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="96"/>
        <source>{0}, unit {1}: {2} parcel(s) waiting. Scan each label, or tap them.</source>
        <translation>{0}, unidad {1}: {2} paquete(s) en espera. Escanee cada etiqueta o tóquelos.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="99"/>
        <source>{0}, unit {1}: no parcels waiting.</source>
        <translation>{0}, unidad {1}: no hay paquetes en espera.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="133"/>
        <source>Not recognised. Scan the parcel&apos;s Packroom label, or the resident&apos;s badge or pickup code.</source>
        <translation>No reconocido. Escanee la etiqueta Packroom del paquete, o la credencial o el código de recogida del residente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="141"/>
        <source>Parcel {0} is already in this hand-over.</source>
        <translation>El paquete {0} ya está en esta entrega.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="145"/>
        <source> It is on hold: check with the resident.</source>
        <translation> Está retenido: confírmelo con el residente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="146"/>
        <source>Parcel {0} checked ({1} of {2}).</source>
        <translation>Paquete {0} marcado ({1} de {2}).</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="179"/>
        <source>{0} collects for {1}. Check their ID.</source>
        <translation>{0} recoge por {1}. Verifique su identificación.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="205"/>
        <source>Find the resident first.</source>
        <translation>Primero busque al residente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="208"/>
        <source>Scan the parcels being collected, or tap them in the list.</source>
        <translation>Escanee los paquetes que se entregan o tóquelos en la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="211"/>
        <source>Ask them to sign on the pad first.</source>
        <translation>Primero pídale que firme en el panel.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="226"/>
        <source>Released {0} parcel(s) to {1}.</source>
        <translation>Se entregaron {0} paquete(s) a {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="228"/>
        <source>Parcel {0} was not released: {1}</source>
        <translation>El paquete {0} no se entregó: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="278"/>
        <source>Sign in to hand parcels over.</source>
        <translation>Inicie sesión para entregar paquetes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="283"/>
        <source>That pickup code was not accepted. Search for the resident instead.</source>
        <translation>Ese código de recogida no fue aceptado. Busque al residente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="286"/>
        <source>Too many wrong codes: search for the resident by name or unit.</source>
        <translation>Demasiados códigos incorrectos: busque al residente por nombre o unidad.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/desk_pickup.py" line="291"/>
        <source>Something went wrong: {0}. Nothing was released; try again.</source>
        <translation>Algo salió mal: {0}. No se entregó nada; inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>HealthBar</name>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="43"/>
        <location filename="../../ui/widgets/health_bar.py" line="66"/>
        <source>not installed</source>
        <translation>sin instalar</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="43"/>
        <source>nothing waiting</source>
        <translation>nada pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="58"/>
        <source>ready</source>
        <translation>disponible</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="61"/>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="70"/>
        <source>not set up ({0} held)</source>
        <translation>sin configurar ({0} retenidos)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="73"/>
        <source>all sent</source>
        <translation>todo enviado</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="81"/>
        <source>, oldest {0}</source>
        <translation>, más antiguo: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="84"/>
        <source>{0} waiting{1}</source>
        <translation>{0} en espera{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="86"/>
        <source>{0} failed</source>
        <translation>{0} con error</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="35"/>
        <location filename="../../ui/screens/staff/intake.py" line="161"/>
        <source>Scan a parcel</source>
        <translation>Escanee un paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="51"/>
        <source>Name, unit or phone</source>
        <translation>Nombre, unidad o teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="62"/>
        <source>Show the on-screen keyboard</source>
        <translation>Mostrar el teclado en pantalla</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="87"/>
        <source>Save and print</source>
        <translation>Guardar e imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="90"/>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="94"/>
        <source>Undo last</source>
        <translation>Deshacer último</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="119"/>
        <source>Read label</source>
        <translation>Leer etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="122"/>
        <source>Read the tracking number and the recipient from the label under the camera</source>
        <translation>Leer el número de rastreo y el destinatario de la etiqueta bajo la cámara</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="166"/>
        <source>unknown carrier</source>
        <translation>transportista desconocido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="167"/>
        <source>Who is it for?</source>
        <translation>¿Para quién es?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="167"/>
        <source>Ready to save</source>
        <translation>Listo para guardar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="190"/>
        <source>{0} parcels this session</source>
        <translation>{0} paquetes en esta sesión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="193"/>
        <source>needs attention</source>
        <translation>requiere atención</translation>
    </message>
</context>
<context>
    <name>IntakeViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="108"/>
        <source>Shelf {0} scanned. Scan a parcel first, then its shelf.</source>
        <translation>Estante {0} escaneado. Escanee primero un paquete y luego su estante.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="112"/>
        <source>This parcel goes to shelf {0}.</source>
        <translation>Este paquete va en el estante {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="116"/>
        <source>That barcode is not a tracking number. Scan the barcode marked TRACKING on the label.</source>
        <translation>Ese código de barras no es un número de rastreo. Escanee el código marcado TRACKING en la etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="122"/>
        <source>Not a known tracking-number format. Check it is the tracking barcode; save it anyway if it is.</source>
        <translation>Formato de número de rastreo desconocido. Verifique que sea el código de rastreo; si lo es, guárdelo de todos modos.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="146"/>
        <source>Already in the room: parcel {0} on {1}, for {2}. Not logged again.</source>
        <translation>Ya está en la sala: paquete {0} en {1}, para {2}. No se registró de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="147"/>
        <source>the desk</source>
        <translation>recepción</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="152"/>
        <source>A parcel with this number was picked up before: check it is not the same parcel back.</source>
        <translation>Ya se recogió un paquete con este número: verifique que no sea el mismo paquete devuelto.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="168"/>
        <source>Label reading needs a camera and the OCR package on this PC.</source>
        <translation>Para leer etiquetas se necesita una cámara y el software de OCR en este equipo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="172"/>
        <source>No picture from the camera yet: hold the label under it and try again.</source>
        <translation>Aún no hay imagen de la cámara: coloque la etiqueta debajo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="176"/>
        <source>Reading the label…</source>
        <translation>Leyendo la etiqueta…</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="178"/>
        <source>The label could not be read: {0}</source>
        <translation>No se pudo leer la etiqueta: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="183"/>
        <source>No tracking number on this picture: scan the tracking barcode.</source>
        <translation>No hay número de rastreo en esta imagen: escanee el código de rastreo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="192"/>
        <source>Read from the label: {0} ({1:.0%} sure). Check it, then save.</source>
        <translation>Leído de la etiqueta: {0} (certeza {1:.0%}). Verifíquelo y guarde.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="199"/>
        <source>not sure enough</source>
        <translation>certeza insuficiente</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="200"/>
        <source>The label does not say clearly who it is for ({0}): choose below.</source>
        <translation>La etiqueta no indica con claridad para quién es ({0}): elija abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="229"/>
        <source>Scan a parcel first.</source>
        <translation>Primero escanee un paquete.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="235"/>
        <source>Choose who this parcel is for, or save it to Needs attention.</source>
        <translation>Elija para quién es este paquete o guárdelo en Requiere atención.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="249"/>
        <source>Sign in to log parcels.</source>
        <translation>Inicie sesión para registrar paquetes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="277"/>
        <source>the front desk</source>
        <translation>recepción</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="279"/>
        <source>Saved to Needs attention ({0}). Put it on {1}.</source>
        <translation>Guardado en Requiere atención ({0}). Colóquelo en {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="282"/>
        <source>Saved for {0}, unit {1}. Put it on {2}.</source>
        <translation>Guardado para {0}, unidad {1}. Colóquelo en {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="289"/>
        <source>Locker {0} is opening: put the parcel in and close the door.</source>
        <translation>El casillero {0} se está abriendo: coloque el paquete y cierre la puerta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="303"/>
        <source>Duplicate: {0}</source>
        <translation>Duplicado: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="308"/>
        <source>Not saved: {0}. Try again.</source>
        <translation>No se guardó: {0}. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="322"/>
        <source>Undone: parcel {0} was removed; take its label off.</source>
        <translation>Deshecho: se eliminó el paquete {0}; quítele la etiqueta.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="27"/>
        <source>Delete last digit</source>
        <translation>Borrar el último dígito</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="31"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="34"/>
        <source>Digit {0}</source>
        <translation>Dígito {0}</translation>
    </message>
</context>
<context>
    <name>LabelPrinting</name>
    <message>
        <location filename="../../ui/printing.py" line="79"/>
        <source>No label printer is set up; write the unit and shelf on the parcel.</source>
        <translation>No hay impresora de etiquetas configurada; escriba la unidad y el estante en el paquete.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="97"/>
        <source>The printer is not available ({0}); the label will print when it is back.</source>
        <translation>La impresora no está disponible ({0}); la etiqueta se imprimirá cuando vuelva a estarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="102"/>
        <source>The label cannot print: {0}</source>
        <translation>La etiqueta no se puede imprimir: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="105"/>
        <source>The label could not be made: {0}</source>
        <translation>No se pudo generar la etiqueta: {0}</translation>
    </message>
</context>
<context>
    <name>LockerPickupScreen</name>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="109"/>
        <source>Compartment {0} of {1}</source>
        <translation>Compartimento {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="113"/>
        <source>Compartment</source>
        <translation>Compartimento</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="118"/>
        <source>Finding your lockers…</source>
        <translation>Buscando sus casilleros…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="120"/>
        <source>Opening compartment {0}…</source>
        <translation>Abriendo el compartimento {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="122"/>
        <source>Compartment {0} is open. Take your parcel, close the door, then tap Done.</source>
        <translation>El compartimento {0} está abierto. Retire su paquete, cierre la puerta y toque Listo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="125"/>
        <source>Take your parcel and close the door.</source>
        <translation>Retire su paquete y cierre la puerta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="126"/>
        <source>The locker is not responding. If you have your parcel, tap Done.</source>
        <translation>El casillero no responde. Si ya tiene su paquete, toque Listo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="128"/>
        <source>Your parcel is safe. Please see the front desk.</source>
        <translation>Su paquete está seguro. Por favor, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="130"/>
        <source>Compartment {0} cannot be opened right now.</source>
        <translation>El compartimento {0} no se puede abrir en este momento.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="132"/>
        <source>Compartment {0} could not be opened.</source>
        <translation>No se pudo abrir el compartimento {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="134"/>
        <source>Thank you…</source>
        <translation>Gracias…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="137"/>
        <source>None of your parcels are in the lockers.</source>
        <translation>Ninguno de sus paquetes está en los casilleros.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="139"/>
        <source>Done. The front desk has the rest of your parcels.</source>
        <translation>Listo. El resto de sus paquetes está en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="141"/>
        <source>All done. Thank you!</source>
        <translation>Todo listo. ¡Gracias!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="146"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="149"/>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="152"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>LockersScreen</name>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="116"/>
        <source>Lockers</source>
        <translation>Casilleros</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="117"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="118"/>
        <source>Out of service</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="119"/>
        <source>Open for service</source>
        <translation>Abrir para servicio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="125"/>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="126"/>
        <source>occupied</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="127"/>
        <source>door open</source>
        <translation>puerta abierta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="128"/>
        <source>out of service</source>
        <translation>fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="129"/>
        <source>unavailable</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="173"/>
        <source>No locker banks are set up.</source>
        <translation>No hay bancos de casilleros configurados.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="183"/>
        <source>Tap a compartment to see it.</source>
        <translation>Toque un compartimento para verlo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="187"/>
        <source>Compartment {0} · {1}</source>
        <translation>Compartimento {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="188"/>
        <source>Size {0} · board {1}, channel {2}</source>
        <translation>Tamaño {0} · placa {1}, canal {2}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="192"/>
        <source>Parcel {0} for unit {1}</source>
        <translation>Paquete {0} para la unidad {1}</translation>
    </message>
</context>
<context>
    <name>LockersViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="82"/>
        <source>Sign in to change lockers.</source>
        <translation>Inicie sesión para modificar los casilleros.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="89"/>
        <source>Compartment {0} is out of service.</source>
        <translation>El compartimento {0} está fuera de servicio.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="90"/>
        <source>Compartment {0} is back in service.</source>
        <translation>El compartimento {0} vuelve a estar en servicio.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="102"/>
        <source>Sign in to open a compartment.</source>
        <translation>Inicie sesión para abrir un compartimento.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="110"/>
        <source>Compartment {0} is open. Close it when you are done.</source>
        <translation>El compartimento {0} está abierto. Ciérrelo cuando termine.</translation>
    </message>
</context>
<context>
    <name>MyParcelsScreen</name>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="129"/>
        <source>I&apos;m done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="137"/>
        <source>Your parcels are in the package room, on the shelves shown. If the room is locked, please ask at the front desk.</source>
        <translation>Sus paquetes están en la sala de paquetes, en los estantes indicados. Si la sala está cerrada, pregunte en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="140"/>
        <source>Door unlocked — {0} s</source>
        <translation>Puerta abierta — {0} s</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="141"/>
        <source>Push the door open now, take your parcels and close the door behind you.</source>
        <translation>Empuje la puerta ahora, recoja sus paquetes y cierre la puerta al salir.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="143"/>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="144"/>
        <source>Please close the door behind you. Have a good day.</source>
        <translation>Cierre la puerta al salir, por favor. Que tenga un buen día.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="147"/>
        <source>Opening the door…</source>
        <translation>Abriendo la puerta…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="147"/>
        <source>Open the door</source>
        <translation>Abrir la puerta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="159"/>
        <source>Hello, {0}</source>
        <translation>Hola, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="161"/>
        <source>One parcel is waiting for you. Take it from this shelf:</source>
        <translation>Tiene un paquete esperándole. Recójalo en este estante:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="163"/>
        <source>{0} parcels are waiting for you. Take them from these shelves:</source>
        <translation>Tiene {0} paquetes esperándole. Recójalos en estos estantes:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="166"/>
        <source>Nothing is waiting for you right now.</source>
        <translation>Ahora mismo no hay nada para usted.</translation>
    </message>
</context>
<context>
    <name>ParcelCard</name>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="22"/>
        <source>Shelf</source>
        <translation>Estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="22"/>
        <source>Fridge</source>
        <translation>Refrigerador</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="22"/>
        <source>Oversize area</source>
        <translation>Zona de bultos grandes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="23"/>
        <source>Locker</source>
        <translation>Casillero</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="23"/>
        <source>Bin</source>
        <translation>Contenedor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="23"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="26"/>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="40"/>
        <source>On hold: see the front desk</source>
        <translation>Retenido: pase por recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="44"/>
        <source>Signature needed: see the front desk</source>
        <translation>Requiere firma: pase por recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="48"/>
        <source>Perishable — in the fridge</source>
        <translation>Perecedero: en el refrigerador</translation>
    </message>
</context>
<context>
    <name>ParcelListScreen</name>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="58"/>
        <source>Shelf</source>
        <translation>Estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="59"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="60"/>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="61"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="62"/>
        <source>Tracking</source>
        <translation>Rastreo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="63"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="64"/>
        <source>Waited</source>
        <translation>Espera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="65"/>
        <source>Flags</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="80"/>
        <source>Last digits of tracking, unit, name or shelf</source>
        <translation>Últimos dígitos de rastreo, unidad, nombre o estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="112"/>
        <location filename="../../ui/screens/staff/parcels.py" line="208"/>
        <source>Choose a parcel</source>
        <translation>Elija un paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="118"/>
        <source>Reprint label</source>
        <translation>Reimprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="119"/>
        <source>Move to shelf</source>
        <translation>Mover a estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="120"/>
        <source>Mark lost</source>
        <translation>Marcar perdido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="122"/>
        <source>Mark returned</source>
        <translation>Marcar devuelto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="190"/>
        <source>{0} parcels</source>
        <translation>{0} paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="234"/>
        <source>Tap the new shelf, or scan its barcode.</source>
        <translation>Toque el nuevo estante o escanee su código de barras.</translation>
    </message>
</context>
<context>
    <name>ParcelListViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="109"/>
        <source>No label printer is configured.</source>
        <translation>No hay impresora de etiquetas configurada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="112"/>
        <source>Label for {0} sent to the printer.</source>
        <translation>Etiqueta de {0} enviada a la impresora.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="127"/>
        <source>Moved to {0}.</source>
        <translation>Movido a {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="135"/>
        <source>Choose or type a reason first.</source>
        <translation>Primero elija o escriba un motivo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="137"/>
        <source>lost</source>
        <translation>perdido</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="137"/>
        <source>returned to sender</source>
        <translation>devuelto al remitente</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="139"/>
        <source>Parcel {0} marked {1}.</source>
        <translation>Paquete {0} marcado como {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="145"/>
        <source>Sign in first.</source>
        <translation>Primero inicie sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="147"/>
        <source>Choose a parcel in the list first.</source>
        <translation>Primero elija un paquete de la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="161"/>
        <source>That did not work: {0}</source>
        <translation>No funcionó: {0}</translation>
    </message>
</context>
<context>
    <name>PickupViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="152"/>
        <source>Enter the code from your message, then press OK.</source>
        <translation>Escriba el código de su mensaje y pulse OK.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="227"/>
        <source>Nothing is waiting for you right now.</source>
        <translation>Ahora mismo no hay nada para usted.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="241"/>
        <source>Too many wrong codes. Please wait {0} seconds or see the front desk.</source>
        <translation>Demasiados códigos incorrectos. Espere {0} segundos o pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="247"/>
        <source>That code was not accepted. Check your message and try again.</source>
        <translation>Ese código no fue aceptado. Revise su mensaje e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="250"/>
        <source>Something went wrong. Please see the front desk.</source>
        <translation>Algo salió mal. Por favor, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="263"/>
        <source>You can try again now.</source>
        <translation>Ya puede intentarlo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="275"/>
        <source>Sorry, the door could not be opened. Please see the front desk.</source>
        <translation>Lo sentimos, no se pudo abrir la puerta. Por favor, pase por recepción.</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="65"/>
        <source>Figure</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="66"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="100"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="100"/>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="106"/>
        <location filename="../../ui/screens/staff/reports.py" line="146"/>
        <source>Export to</source>
        <translation>Exportar a</translation>
    </message>
</context>
<context>
    <name>ReportsViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/reports.py" line="57"/>
        <source>Show a report first.</source>
        <translation>Primero muestre un reporte.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/reports.py" line="77"/>
        <source>Review bundles are not available here.</source>
        <translation>Los archivos de revisión no están disponibles aquí.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/reports.py" line="90"/>
        <source>Saved {0} file(s) to {1}.</source>
        <translation>Se guardaron {0} archivo(s) en {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/reports.py" line="95"/>
        <source>Review bundle saved: {0} ({1:.1f} MB).</source>
        <translation>Archivo de revisión guardado: {0} ({1:.1f} MB).</translation>
    </message>
</context>
<context>
    <name>ResidentImportScreen</name>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="430"/>
        <source>Import residents</source>
        <translation>Importar residentes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="436"/>
        <source>Path of the rent-roll CSV export</source>
        <translation>Ruta del CSV exportado con la lista de inquilinos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="438"/>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="443"/>
        <source>Detect from the column headers</source>
        <translation>Detectar por los encabezados de columna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="447"/>
        <source>Partial list</source>
        <translation>Lista parcial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="448"/>
        <source>The file lists only some residents: nobody is moved out for being absent</source>
        <translation>El archivo incluye solo algunos residentes: no se da de baja a nadie por no aparecer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="450"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="452"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="459"/>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="459"/>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="460"/>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="461"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="470"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="471"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="505"/>
        <source>Rent-roll export</source>
        <translation>Lista de inquilinos exportada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="506"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="517"/>
        <source>Choose the file, then Preview: nothing is written until you press Import.</source>
        <translation>Elija el archivo y luego Vista previa: no se guarda nada hasta que pulse Importar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="524"/>
        <source>{0}: preset {1}, {2} rows. {3} to add, {4} to update, {5} unchanged, {6} moved out ({7} waiting parcels flagged), {8} skipped, {9} errors.</source>
        <translation>{0}: formato {1}, {2} filas. {3} por agregar, {4} por actualizar, {5} sin cambios, {6} dados de baja ({7} paquetes en espera marcados), {8} omitidos, {9} errores.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="529"/>
        <source>add</source>
        <translation>agregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="530"/>
        <source>update</source>
        <translation>actualizar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="531"/>
        <source>move out</source>
        <translation>dar de baja</translation>
    </message>
</context>
<context>
    <name>ResidentImportViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="317"/>
        <location filename="../../ui/viewmodels/residents.py" line="348"/>
        <source>Sign in to import residents.</source>
        <translation>Inicie sesión para importar residentes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="320"/>
        <source>Choose the rent-roll file first.</source>
        <translation>Primero elija el archivo con la lista de inquilinos.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="323"/>
        <source>{0}: no such file.</source>
        <translation>{0}: el archivo no existe.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="340"/>
        <source>{0} row problem(s): fix them in the file and preview again. Nothing can be imported until then.</source>
        <translation>{0} problema(s) en filas: corríjalos en el archivo y vuelva a generar la vista previa. No se puede importar nada hasta entonces.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="343"/>
        <source>No problems found. Check the figures, then press Import.</source>
        <translation>No se encontraron problemas. Revise las cifras y pulse Importar.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="351"/>
        <source>Preview the file first; it can be imported once the preview shows no problem.</source>
        <translation>Primero genere la vista previa del archivo; podrá importarlo cuando no muestre problemas.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="366"/>
        <source>Imported: {0} added, {1} updated, {2} moved out.</source>
        <translation>Importado: {0} agregados, {1} actualizados, {2} dados de baja.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="370"/>
        <source>Nothing was imported: the file now has {0} row problem(s).</source>
        <translation>No se importó nada: el archivo ahora tiene {0} problema(s) en filas.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="383"/>
        <source>Import failed: {0}</source>
        <translation>La importación falló: {0}</translation>
    </message>
</context>
<context>
    <name>ResidentsScreen</name>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="83"/>
        <source>Residents</source>
        <translation>Residentes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="90"/>
        <source>Name, unit or phone</source>
        <translation>Nombre, unidad o teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="97"/>
        <source>Show moved out</source>
        <translation>Mostrar dados de baja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="100"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="101"/>
        <location filename="../../ui/screens/staff/residents.py" line="221"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="102"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="103"/>
        <source>Parcels</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="123"/>
        <source>Details</source>
        <translation>Datos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="124"/>
        <source>Proxies</source>
        <translation>Autorizados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="125"/>
        <source>Holds</source>
        <translation>Retenciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="193"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="195"/>
        <location filename="../../ui/screens/staff/residents.py" line="378"/>
        <source>Move out</source>
        <translation>Dar de baja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="207"/>
        <source>Remove proxy</source>
        <translation>Quitar autorizado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="222"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="223"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="228"/>
        <location filename="../../ui/screens/staff/residents.py" line="259"/>
        <source>From – until</source>
        <translation>Desde – hasta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="229"/>
        <source>Only these parcels</source>
        <translation>Solo estos paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="232"/>
        <source>Add proxy</source>
        <translation>Agregar autorizado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="242"/>
        <source>End hold</source>
        <translation>Terminar retención</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="249"/>
        <source>No end date</source>
        <translation>Sin fecha de fin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="260"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="263"/>
        <source>Add vacation hold</source>
        <translation>Retener por vacaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="268"/>
        <source>Hold parcel</source>
        <translation>Retener paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="288"/>
        <source>Choose a resident from the list</source>
        <translation>Elija un residente de la lista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="314"/>
        <source>, named parcels only</source>
        <translation>, solo paquetes indicados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="333"/>
        <source>until ended</source>
        <translation>hasta que se termine</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="334"/>
        <source>Vacation</source>
        <translation>Vacaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="334"/>
        <source>Parcel {0}</source>
        <translation>Paquete {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="369"/>
        <source>Tap again to move out</source>
        <translation>Toque de nuevo para dar de baja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="370"/>
        <source>Moving out sends this resident&apos;s waiting parcels to Needs attention. Tap Move out again to confirm.</source>
        <translation>Al dar de baja, los paquetes en espera de este residente pasan a Requiere atención. Toque Dar de baja de nuevo para confirmar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="395"/>
        <source>Tap a proxy in the list first.</source>
        <translation>Primero toque un autorizado de la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="416"/>
        <source>Tap a hold in the list first.</source>
        <translation>Primero toque una retención de la lista.</translation>
    </message>
</context>
<context>
    <name>ResidentsViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="150"/>
        <source>Saved {0}.</source>
        <translation>Se guardó {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="165"/>
        <source>{0} moved out. {1} waiting parcel(s) are now in Needs attention.</source>
        <translation>Se dio de baja a {0}. {1} paquete(s) en espera pasaron a Requiere atención.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="168"/>
        <source>{0} moved out.</source>
        <translation>Se dio de baja a {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="185"/>
        <source>{0} may now collect for this resident.</source>
        <translation>{0} ya puede recoger por este residente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="193"/>
        <source>Proxy removed.</source>
        <translation>Autorizado eliminado.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="204"/>
        <source>Vacation hold added.</source>
        <translation>Retención por vacaciones agregada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="211"/>
        <source>Parcel {0} is on hold.</source>
        <translation>El paquete {0} está retenido.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="219"/>
        <source>Hold ended.</source>
        <translation>Retención terminada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="230"/>
        <source>Sign in to change residents.</source>
        <translation>Inicie sesión para modificar residentes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="240"/>
        <location filename="../../ui/viewmodels/residents.py" line="255"/>
        <source>Not saved: {0}</source>
        <translation>No se guardó: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="250"/>
        <source>Not saved: correct the marked fields.</source>
        <translation>No se guardó: corrija los campos marcados.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="130"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="131"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="235"/>
        <source>Welcome to Packroom</source>
        <translation>Bienvenido a Packroom</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="236"/>
        <source>Six short steps set up this kiosk. Touch a box to type into it with the keyboard below.</source>
        <translation>Seis pasos breves configuran este quiosco. Toque un campo para escribir en él con el teclado de abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="238"/>
        <source>Property name</source>
        <translation>Nombre de la propiedad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="243"/>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="244"/>
        <source>The administrator signs in with this PIN on the kiosk&apos;s keypad and adds the other staff.</source>
        <translation>El administrador inicia sesión con este PIN en el teclado del quiosco y agrega al resto del personal.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="246"/>
        <source>4 to 12 digits</source>
        <translation>De 4 a 12 dígitos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="248"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="248"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="249"/>
        <source>PIN again</source>
        <translation>Repita el PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="255"/>
        <source>Find devices</source>
        <translation>Buscar dispositivos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="256"/>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="257"/>
        <source>sim: is simulated. Test tries a device: a label prints, the door opens for a second.</source>
        <translation>sim: significa simulado. Probar pone a prueba un dispositivo: se imprime una etiqueta o la puerta se abre un segundo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="267"/>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="273"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="274"/>
        <source>Residents are told by e-mail and SMS. Leave a box empty to turn that channel off; you can change both later in the configuration file.</source>
        <translation>Se avisa a los residentes por correo y SMS. Deje un campo vacío para desactivar ese canal; puede cambiar ambos después en el archivo de configuración.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="283"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="283"/>
        <location filename="../../ui/screens/setup_wizard.py" line="284"/>
        <source>Send a test to</source>
        <translation>Enviar prueba a</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="284"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="290"/>
        <source>Send test</source>
        <translation>Enviar prueba</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="296"/>
        <source>Residents</source>
        <translation>Residentes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="297"/>
        <source>Import the rent roll exported from AppFolio, Yardi, RealPage, Entrata or a plain CSV. Optional: skip it and import later with `packroom residents import`.</source>
        <translation>Importe la lista de inquilinos exportada de AppFolio, Yardi, RealPage, Entrata o un CSV simple. Opcional: omita este paso e importe después con `packroom residents import`.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="301"/>
        <source>CSV file</source>
        <translation>Archivo CSV</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="303"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="304"/>
        <source>Check file</source>
        <translation>Revisar archivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="309"/>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="310"/>
        <source>Start Packroom saves the settings and the administrator, imports the residents, and opens the kiosk.</source>
        <translation>Iniciar Packroom guarda la configuración y el administrador, importa los residentes y abre el quiosco.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="312"/>
        <source>Start Packroom</source>
        <translation>Iniciar Packroom</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="324"/>
        <source>Step {0} of {1}</source>
        <translation>Paso {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="350"/>
        <source>Enter the property&apos;s name.</source>
        <translation>Escriba el nombre de la propiedad.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="353"/>
        <source>Enter the administrator&apos;s name.</source>
        <translation>Escriba el nombre del administrador.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="359"/>
        <source>Give a URL for: {0} (sim: for none yet).</source>
        <translation>Indique una URL para: {0} (sim: si aún no hay).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="363"/>
        <source>Press Check file first, or empty the box to skip the import.</source>
        <translation>Primero pulse Revisar archivo, o vacíe el campo para omitir la importación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="379"/>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="387"/>
        <source>Looking for devices…</source>
        <translation>Buscando dispositivos…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="395"/>
        <source>Found: {0}</source>
        <translation>Encontrados: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="399"/>
        <source>Found: {0}. Test each one.</source>
        <translation>Encontrados: {0}. Pruebe cada uno.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="401"/>
        <source>Nothing Packroom recognises is plugged in; the simulated devices stay.</source>
        <translation>No hay nada conectado que Packroom reconozca; se mantienen los dispositivos simulados.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="406"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="413"/>
        <source>Rent-roll CSV</source>
        <translation>CSV de inquilinos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="414"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="421"/>
        <source>Choose a file first.</source>
        <translation>Primero elija un archivo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="424"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="448"/>
        <source>Property: {0}</source>
        <translation>Propiedad: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="449"/>
        <source>Administrator: {0}</source>
        <translation>Administrador: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="450"/>
        <source>Devices: {0}</source>
        <translation>Dispositivos: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="451"/>
        <source>Notifications: {0}</source>
        <translation>Notificaciones: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="451"/>
        <source>off</source>
        <translation>desactivadas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="452"/>
        <source>Residents: {0}</source>
        <translation>Residentes: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="452"/>
        <source>none yet</source>
        <translation>ninguno aún</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="453"/>
        <source>Settings file: {0}</source>
        <translation>Archivo de configuración: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="457"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/setup_wizard.py" line="466"/>
        <source>Set-up complete. Starting Packroom…</source>
        <translation>Configuración completa. Iniciando Packroom…</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../ui/widgets/signature_pad.py" line="31"/>
        <source>Sign here</source>
        <translation>Firme aquí</translation>
    </message>
</context>
<context>
    <name>StaffAccountsScreen</name>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="227"/>
        <source>Staff accounts</source>
        <translation>Cuentas del personal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="232"/>
        <location filename="../../ui/screens/staff/building.py" line="266"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="233"/>
        <location filename="../../ui/screens/staff/building.py" line="267"/>
        <location filename="../../ui/screens/staff/building.py" line="279"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="234"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="234"/>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="234"/>
        <source>deactivated</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="235"/>
        <source>Badge</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="245"/>
        <source>Add staff member</source>
        <translation>Agregar empleado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="252"/>
        <source>Reset PIN</source>
        <translation>Restablecer PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="255"/>
        <source>Set role</source>
        <translation>Asignar rol</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="258"/>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="260"/>
        <source>Reactivate with the new PIN</source>
        <translation>Reactivar con el nuevo PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="268"/>
        <source>PIN (4–12 digits)</source>
        <translation>PIN (4–12 dígitos)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="269"/>
        <source>Badge (optional)</source>
        <translation>Credencial (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="275"/>
        <source>New PIN</source>
        <translation>Nuevo PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="286"/>
        <source>Selected staff member</source>
        <translation>Empleado seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="286"/>
        <source>New staff member</source>
        <translation>Nuevo empleado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="325"/>
        <source>Only an admin may manage staff accounts.</source>
        <translation>Solo un administrador puede gestionar las cuentas del personal.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="346"/>
        <source>Tap a staff member in the list first.</source>
        <translation>Primero toque un empleado de la lista.</translation>
    </message>
</context>
<context>
    <name>StaffAccountsViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="165"/>
        <source>Added {0} ({1}).</source>
        <translation>Se agregó a {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="169"/>
        <source>New PIN set for {0}.</source>
        <translation>Nuevo PIN asignado a {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="173"/>
        <source>{0} is now {1}.</source>
        <translation>Ahora {0} tiene el rol {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="177"/>
        <source>{0} can no longer sign in.</source>
        <translation>{0} ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="181"/>
        <source>{0} can sign in again with the new PIN.</source>
        <translation>{0} puede volver a iniciar sesión con el nuevo PIN.</translation>
    </message>
</context>
<context>
    <name>StaffShell</name>
    <message>
        <location filename="../../ui/screens/staff/shell.py" line="58"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <location filename="../../ui/widgets/touch_keyboard.py" line="25"/>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/touch_keyboard.py" line="27"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/screens/welcome.py" line="87"/>
        <source>Pick up your packages</source>
        <translation>Recoja sus paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="89"/>
        <source>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; Type the pickup code from your text or e-mail, then press &lt;b&gt;OK&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; Or hold the QR code from your message under the scanner.&lt;/p&gt;&lt;p&gt;&lt;b&gt;3.&lt;/b&gt; Or tap your fob on the reader.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; Escriba el código de recogida de su mensaje de texto o correo y pulse &lt;b&gt;OK&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; O acerque el código QR de su mensaje al escáner.&lt;/p&gt;&lt;p&gt;&lt;b&gt;3.&lt;/b&gt; O pase su llavero por el lector.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="98"/>
        <source>Enter your code</source>
        <translation>Escriba su código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="112"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
</context>
<context>
    <name>_StaffViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="48"/>
        <source>Sign in first.</source>
        <translation>Primero inicie sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="56"/>
        <source>Not done: {0}</source>
        <translation>No se hizo: {0}</translation>
    </message>
</context>
</TS>
