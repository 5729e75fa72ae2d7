<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="68"/>
        <source>Scan a shelf barcode, then each parcel on it</source>
        <translation>Escanee el código de un estante y luego cada paquete que contiene</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="72"/>
        <location filename="../../ui/screens/staff/audit.py" line="110"/>
        <location filename="../../ui/screens/staff/audit.py" line="132"/>
        <source>Shelf</source>
        <translation>Estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="72"/>
        <source>Expected</source>
        <translation>Esperados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="73"/>
        <source>Found</source>
        <translation>Encontrados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="73"/>
        <source>Extra</source>
        <translation>Sobrantes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="74"/>
        <location filename="../../ui/screens/staff/audit.py" line="81"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="109"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="80"/>
        <location filename="../../ui/screens/staff/audit.py" line="109"/>
        <location filename="../../ui/screens/staff/audit.py" line="132"/>
        <source>Parcel</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="110"/>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="110"/>
        <source>open</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="120"/>
        <source>Note (what was done)</source>
        <translation>Nota (qué se hizo)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="123"/>
        <source>Record the parcel on the shelf where it was found</source>
        <translation>Registrar el paquete en el estante donde se encontró</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="126"/>
        <source>Manager override reason (only with open discrepancies)</source>
        <translation>Motivo de autorización del gerente (solo con discrepancias pendientes)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="81"/>
        <location filename="../../ui/screens/staff/audit.py" line="133"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="79"/>
        <source>Compartment</source>
        <translation>Compartimento</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="89"/>
        <source>Open it</source>
        <translation>Abrirlo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="101"/>
        <source>Shelves</source>
        <translation>Estantes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="133"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="134"/>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="219"/>
        <source>to check</source>
        <translation>por revisar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="219"/>
        <source>✓ present</source>
        <translation>✓ presente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="220"/>
        <source>not found</source>
        <translation>no encontrado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="220"/>
        <source>check</source>
        <translation>revisar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="242"/>
        <source>Lockers {0}/{1}</source>
        <translation>Casilleros {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="277"/>
        <source>No audit in progress</source>
        <translation>No hay auditoría en curso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="279"/>
        <source>Audit #{0} · {1}</source>
        <translation>Auditoría #{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="281"/>
        <source>Audit #{0} signed off by {1}</source>
        <translation>Auditoría #{0} aprobada por {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="304"/>
        <source>none yet</source>
        <translation>ninguno aún</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="305"/>
        <source>{0} of {1} parcels found · {2} of {3} shelves scanned · shelf: {4}</source>
        <translation>{0} de {1} paquetes encontrados · {2} de {3} estantes escaneados · estante: {4}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/audit.py" line="326"/>
        <source>Return to sender: {0}</source>
        <translation>Devolver al remitente: {0}</translation>
    </message>
</context>
<context>
    <name>AuditViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="95"/>
        <source>Sign in to run an audit.</source>
        <extracomment>Opens a locker compartment for staff (the coordinator&apos;s ``open_for_service``): (compartment id, actor) → whether it opened, and if not why. Blocks on the board: called off the GUI thread.</extracomment>
        <translation>Inicie sesión para hacer una auditoría.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="106"/>
        <source>Audit #{0} started. Scan the first shelf&apos;s barcode.</source>
        <translation>Auditoría #{0} iniciada. Escanee el código del primer estante.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="115"/>
        <location filename="../../ui/viewmodels/audit.py" line="142"/>
        <location filename="../../ui/viewmodels/audit.py" line="167"/>
        <source>Start an audit first.</source>
        <translation>Primero inicie una auditoría.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="156"/>
        <source>Compartment {0} is open: scan the parcel&apos;s label, or tap Parcel present or Empty.</source>
        <translation>El compartimento {0} está abierto: escanee la etiqueta del paquete o toque Paquete presente o Vacío.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="188"/>
        <source>{0} discrepancies, {1} open.</source>
        <translation>{0} discrepancias, {1} pendientes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="190"/>
        <source>Shelves not scanned: {0}.</source>
        <translation>Estantes sin escanear: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="213"/>
        <source>Resolved: {0} {1}.</source>
        <translation>Resuelto: {0} {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="226"/>
        <source>Audit #{0} signed off by {1} at {2}.</source>
        <translation>Auditoría #{0} aprobada por {1} el {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="241"/>
        <source>Nothing to return.</source>
        <translation>No hay nada que devolver.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="248"/>
        <source>{0} parcel(s) marked returned to sender.</source>
        <translation>{0} paquete(s) marcado(s) como devuelto(s) al remitente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/audit.py" line="250"/>
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
        <location filename="../../ui/screens/staff/building.py" line="70"/>
        <source>The room is open around the clock</source>
        <translation>La sala está abierta las 24 horas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="71"/>
        <source>The room is open from {0} to {1}</source>
        <translation>La sala está abierta de {0} a {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="72"/>
        <source> (set in the configuration file: room.hours_open, room.hours_close).</source>
        <translation> (se define en el archivo de configuración: room.hours_open, room.hours_close).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="78"/>
        <location filename="../../ui/screens/staff/building.py" line="151"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="79"/>
        <location filename="../../ui/screens/staff/building.py" line="132"/>
        <location filename="../../ui/screens/staff/building.py" line="152"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="80"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="81"/>
        <location filename="../../ui/screens/staff/building.py" line="157"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="82"/>
        <location filename="../../ui/screens/staff/building.py" line="137"/>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="83"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="84"/>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="85"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="85"/>
        <source>in use</source>
        <translation>en uso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="85"/>
        <source>not used</source>
        <translation>fuera de uso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="92"/>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="95"/>
        <source>Set capacity</source>
        <translation>Fijar capacidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="98"/>
        <location filename="../../ui/screens/staff/building.py" line="225"/>
        <source>Stop using</source>
        <translation>Dejar de usar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="107"/>
        <source>Place on map</source>
        <translation>Poner en el mapa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="110"/>
        <source>Off the map</source>
        <translation>Quitar del mapa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="113"/>
        <source>Print shelf label</source>
        <translation>Imprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="118"/>
        <source>e.g. D1</source>
        <translation>p. ej. D1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="125"/>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="144"/>
        <source>Map column, row</source>
        <translation>Columna y fila en el mapa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="156"/>
        <source>Kind, capacity</source>
        <translation>Tipo, capacidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="161"/>
        <source>Selected location</source>
        <translation>Ubicación seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="165"/>
        <source>New location</source>
        <translation>Nueva ubicación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="225"/>
        <source>Use again</source>
        <translation>Volver a usar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="230"/>
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
        <location filename="../../ui/viewmodels/building.py" line="113"/>
        <source>{0} is on the room map at column {1}, row {2}.</source>
        <translation>{0} está en el mapa del cuarto en la columna {1}, fila {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="115"/>
        <source>{0} is no longer on the room map.</source>
        <translation>{0} ya no está en el mapa del cuarto.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="130"/>
        <source>The label for {0} was not printed: {1}</source>
        <translation>No se imprimió la etiqueta de {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="134"/>
        <source>Label for {0} sent to the printer.</source>
        <translation>Etiqueta de {0} enviada a la impresora.</translation>
    </message>
</context>
<context>
    <name>CarrierCodesScreen</name>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="42"/>
        <source>Carrier codes</source>
        <translation>Códigos de transportistas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="43"/>
        <source>Carriers type their code on the kiosk&apos;s Delivery screen to open the room, within the hours set here. Every use is logged.</source>
        <translation>Los transportistas escriben su código en la pantalla de Entregas del quiosco para abrir la sala, dentro del horario fijado aquí. Cada uso queda registrado.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="49"/>
        <location filename="../../ui/screens/staff/carriers.py" line="109"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="50"/>
        <location filename="../../ui/screens/staff/carriers.py" line="110"/>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="51"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="51"/>
        <source>Pass</source>
        <translation>Pase</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="51"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="52"/>
        <location filename="../../ui/screens/staff/carriers.py" line="115"/>
        <source>Hours</source>
        <translation>Horario</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="53"/>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="54"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="68"/>
        <source>Revoke selected</source>
        <translation>Revocar el seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="82"/>
        <source>Print code</source>
        <translation>Imprimir código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="90"/>
        <source>e.g. morning route, driver&apos;s name</source>
        <translation>p. ej. ruta de la mañana, nombre del conductor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="99"/>
        <source>No end date</source>
        <translation>Sin fecha de fin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="99"/>
        <source>30 days</source>
        <translation>30 días</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="99"/>
        <source>90 days</source>
        <translation>90 días</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="100"/>
        <source>1 year</source>
        <translation>1 año</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="102"/>
        <source>Issue code</source>
        <translation>Emitir código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="104"/>
        <source>Single-use pass</source>
        <translation>Pase de un solo uso</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="116"/>
        <source>Valid for</source>
        <translation>Válido durante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="120"/>
        <source>A single-use pass opens the room once, any time today.</source>
        <translation>Un pase de un solo uso abre la sala una vez, a cualquier hora de hoy.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="128"/>
        <source>New carrier code</source>
        <translation>Nuevo código de transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="157"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="157"/>
        <source>Revoked</source>
        <translation>Revocado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="157"/>
        <source>Expired</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="158"/>
        <source>Used</source>
        <translation>Usado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="188"/>
        <source>Single-use pass for {0} ({1}): opens the room once, until {2}.</source>
        <translation>Pase de un solo uso para {0} ({1}): abre la sala una vez, hasta el {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="191"/>
        <source>Code for {0} ({1}): opens the room {2}–{3}. It is not shown again.</source>
        <translation>Código para {0} ({1}): abre la sala de {2} a {3}. No se volverá a mostrar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/carriers.py" line="205"/>
        <source>Tap a code in the list first.</source>
        <translation>Primero toque un código de la lista.</translation>
    </message>
</context>
<context>
    <name>CarrierCodesViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="89"/>
        <source>Revoked: {0} ({1}). It no longer opens the room.</source>
        <translation>Revocado: {0} ({1}). Ya no abre la sala.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="111"/>
        <source>The code was not printed: {0}</source>
        <translation>El código no se imprimió: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="113"/>
        <source>Code sent to the printer.</source>
        <translation>Código enviado a la impresora.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="119"/>
        <source>Single-use pass</source>
        <translation>Pase de un solo uso</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="119"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="120"/>
        <source>{0} issued for {1}. Give it to the carrier now: it is not shown again.</source>
        <translation>{0} emitido para {1}. Entrégueselo al transportista ahora: no se volverá a mostrar.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="127"/>
        <source>Sign in first.</source>
        <translation>Inicie sesión primero.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier_codes.py" line="135"/>
        <source>Not done: {0}</source>
        <translation>No realizado: {0}</translation>
    </message>
</context>
<context>
    <name>CarrierScreen</name>
    <message>
        <location filename="../../ui/screens/carrier.py" line="218"/>
        <source>Carrier delivery</source>
        <translation>Entrega de transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="220"/>
        <source>&lt;p&gt;Type your carrier code, then press &lt;b&gt;OK&lt;/b&gt;. The door unlocks for a few seconds.&lt;/p&gt;&lt;p&gt;Carrier codes work only during your permitted hours. No code? See the front desk.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Escriba su código de transportista y pulse &lt;b&gt;OK&lt;/b&gt;. La puerta se desbloquea unos segundos.&lt;/p&gt;&lt;p&gt;Los códigos de transportista solo funcionan en su horario permitido. ¿No tiene código? Diríjase a la recepción.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="222"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="223"/>
        <source>&lt;b&gt;1.&lt;/b&gt; Scan each parcel&apos;s barcode. &lt;b&gt;2.&lt;/b&gt; Type its unit and tap it.</source>
        <translation>&lt;b&gt;1.&lt;/b&gt; Escanee el código de barras de cada paquete. &lt;b&gt;2.&lt;/b&gt; Escriba su unidad y tóquela.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="225"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="226"/>
        <source>Just drop them off</source>
        <translation>Solo dejarlos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="227"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="237"/>
        <source>Enter your carrier code</source>
        <translation>Escriba su código de transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="250"/>
        <source>Unlocking the door…</source>
        <translation>Desbloqueando la puerta…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="251"/>
        <source>Door unlocked — {0} s</source>
        <translation>Puerta abierta — {0} s</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="252"/>
        <source>Door locked again</source>
        <translation>Puerta cerrada de nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="253"/>
        <source>The door did not unlock. Please see the front desk.</source>
        <translation>La puerta no se desbloqueó. Diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="254"/>
        <source>This kiosk does not control the door.</source>
        <translation>Este quiosco no controla la puerta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="261"/>
        <source>Welcome, {0}</source>
        <translation>Bienvenido, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="263"/>
        <source>Parcel {0}: type its unit</source>
        <translation>Paquete {0}: escriba su unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="265"/>
        <source>Scan a parcel</source>
        <translation>Escanee un paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="277"/>
        <source>Parcels logged: {0}</source>
        <translation>Paquetes registrados: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/carrier.py" line="282"/>
        <source>No parcels logged yet.</source>
        <translation>Todavía no hay paquetes registrados.</translation>
    </message>
</context>
<context>
    <name>CarrierVisitViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="108"/>
        <location filename="../../ui/viewmodels/carrier.py" line="211"/>
        <source>Type your carrier code first.</source>
        <translation>Primero escriba su código de transportista.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="111"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="118"/>
        <source>This code opens the room only from {0} to {1}. Please come back then, or see the front desk.</source>
        <translation>Este código abre la sala solo de {0} a {1}. Vuelva en ese horario o diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="121"/>
        <source>That code was not accepted. Check it and try again, or see the front desk.</source>
        <translation>Ese código no fue aceptado. Compruébelo e inténtelo de nuevo, o diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="123"/>
        <source>Too many wrong codes. Please wait a few minutes, or see the front desk.</source>
        <translation>Demasiados códigos incorrectos. Espere unos minutos o diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="126"/>
        <source>The code could not be checked just now. Please try again, or see the front desk.</source>
        <translation>No se pudo comprobar el código en este momento. Inténtelo de nuevo o diríjase a la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="137"/>
        <source>Scan a parcel&apos;s barcode, then type its unit and tap it. Or just drop the parcels off for the staff.</source>
        <translation>Escanee el código de barras de un paquete, luego escriba su unidad y tóquela. O simplemente deje los paquetes para el personal.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="217"/>
        <source>That barcode is not a tracking number. Scan the barcode marked TRACKING on the label.</source>
        <translation>Ese código de barras no es un número de seguimiento. Escanee el código de barras marcado TRACKING en la etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="224"/>
        <source>Now type the unit number from the label, and tap the unit.</source>
        <translation>Ahora escriba el número de unidad de la etiqueta y toque la unidad.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="252"/>
        <source>Tap the right building below.</source>
        <translation>Toque el edificio correcto abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="254"/>
        <source>There is no unit {0}. Check the number on the label.</source>
        <translation>No existe la unidad {0}. Compruebe el número en la etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="261"/>
        <source>Scan the parcel&apos;s barcode first, then choose its unit.</source>
        <translation>Primero escanee el código de barras del paquete y luego elija su unidad.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="292"/>
        <source>Logged for unit {0}. Locker {1} is opening: put the parcel in and close the door.</source>
        <translation>Registrado para la unidad {0}. El casillero {1} se está abriendo: meta el paquete y cierre la puerta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="295"/>
        <source>Parcel {0} is logged for the staff to sort out. Leave it in the room.</source>
        <translation>El paquete {0} quedó registrado para que el personal lo asigne. Déjelo en la sala.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="298"/>
        <source>Logged for unit {0}. Put it on {1}.</source>
        <translation>Registrado para la unidad {0}. Póngalo en {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="300"/>
        <source>Logged for unit {0}. Leave it in the room.</source>
        <translation>Registrado para la unidad {0}. Déjelo en la sala.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="313"/>
        <source>Parcel {0} is already logged. Leave it in the room.</source>
        <translation>El paquete {0} ya está registrado. Déjelo en la sala.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/carrier.py" line="321"/>
        <source>Not saved: {0}. Try again.</source>
        <translation>No guardado: {0}. Inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>CollectedButton</name>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="229"/>
        <source>I collected my parcels</source>
        <translation>Ya recogí mis paquetes</translation>
    </message>
</context>
<context>
    <name>ConfirmPickupScreen</name>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="146"/>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="149"/>
        <source>Which parcels did you take?</source>
        <translation>¿Qué paquetes tomó?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="150"/>
        <source>Scan the label on each parcel you took, or tap it below. Then tap Done.</source>
        <translation>Escanee la etiqueta de cada paquete que tomó, o tóquelo abajo. Luego toque Listo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="155"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="155"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="167"/>
        <source>Please see the front desk if anything is not right.</source>
        <translation>Si algo no está bien, pase por la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="169"/>
        <source>You took one parcel. Have a good day.</source>
        <translation>Tomó un paquete. Que tenga un buen día.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="170"/>
        <source>You took {0} parcels. Have a good day.</source>
        <translation>Tomó {0} paquetes. Que tenga un buen día.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="171"/>
        <source>You did not take any parcels.</source>
        <translation>No tomó ningún paquete.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="173"/>
        <source>The parcels you did not tick stay on your list, and the front desk will check them.</source>
        <translation>Los paquetes que no marcó siguen en su lista y la recepción los revisará.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="191"/>
        <source>Push the door open now, take your parcels, then come back here.</source>
        <translation>Empuje la puerta ahora, tome sus paquetes y vuelva aquí.</translation>
    </message>
</context>
<context>
    <name>ConfirmPickupViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="174"/>
        <source>Got it: parcel {0}.</source>
        <translation>Listo: paquete {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="183"/>
        <source>This parcel is not yours — please put it back on shelf {0}.</source>
        <translation>Este paquete no es suyo — por favor, devuélvalo al estante {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="185"/>
        <source>This parcel is not yours — please hand it to the front desk.</source>
        <translation>Este paquete no es suyo — por favor, entréguelo en la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="187"/>
        <source>This parcel is handed over at the front desk — please put it back on shelf {0} and see the front desk.</source>
        <translation>Este paquete se entrega en la recepción — por favor, devuélvalo al estante {0} y pase por la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="189"/>
        <source>This parcel is handed over at the front desk.</source>
        <translation>Este paquete se entrega en la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="191"/>
        <source>Parcel {0} was already collected.</source>
        <translation>El paquete {0} ya fue recogido.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="193"/>
        <source>That barcode is not a parcel label. Scan the Packroom label on the parcel, or tap the parcel below.</source>
        <translation>Ese código no es una etiqueta de paquete. Escanee la etiqueta de Packroom del paquete o toque el paquete abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="199"/>
        <source>That label could not be checked. Tap the parcel below instead.</source>
        <translation>No se pudo comprobar esa etiqueta. Toque el paquete abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/confirm_pickup.py" line="247"/>
        <source>Something went wrong. Please see the front desk.</source>
        <translation>Algo salió mal. Por favor, pase por la recepción.</translation>
    </message>
</context>
<context>
    <name>DeliveryButton</name>
    <message>
        <location filename="../../ui/screens/carrier.py" line="299"/>
        <source>Delivery</source>
        <translation>Entregas</translation>
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
        <location filename="../../ui/screens/staff/desk_pickup.py" line="38"/>
        <source>Search for the resident, or scan their pickup code or badge.</source>
        <translation>Busque al residente o escanee su código de recogida o credencial.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="46"/>
        <source>Name, unit or phone</source>
        <translation>Nombre, unidad o teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="52"/>
        <source>Show the on-screen keyboard</source>
        <translation>Mostrar el teclado en pantalla</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="69"/>
        <source>All parcels</source>
        <translation>Todos los paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="82"/>
        <source>Clear signature</source>
        <translation>Borrar firma</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="87"/>
        <source>Take photo</source>
        <translation>Tomar foto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="95"/>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="100"/>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="218"/>
        <source>Release</source>
        <translation>Entregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="104"/>
        <source>Next resident</source>
        <translation>Siguiente residente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="178"/>
        <source>No resident chosen</source>
        <translation>Ningún residente elegido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="184"/>
        <source>{0} · unit {1}</source>
        <translation>{0} · unidad {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="188"/>
        <source>on hold</source>
        <translation>retenido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="197"/>
        <source>{0} (the resident)</source>
        <translation>{0} (titular)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="199"/>
        <source> (named parcels only)</source>
        <translation> (solo paquetes indicados)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="200"/>
        <source>Proxy: {0}</source>
        <translation>Autorizado: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="218"/>
        <source>Release {0} parcel(s)</source>
        <translation>Entregar {0} paquete(s)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/desk_pickup.py" line="239"/>
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
    <name>DisplayToggle</name>
    <message>
        <location filename="../../ui/widgets/display_toggles.py" line="46"/>
        <source>Large text</source>
        <translation>Letra grande</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/display_toggles.py" line="46"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
</context>
<context>
    <name>ExpectedButton</name>
    <message>
        <location filename="../../ui/screens/track.py" line="331"/>
        <source>Expected parcels</source>
        <translation>Paquetes esperados</translation>
    </message>
</context>
<context>
    <name>ExpectedRow</name>
    <message>
        <location filename="../../ui/screens/track.py" line="170"/>
        <source>Arrived {0}</source>
        <translation>Llegó el {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="172"/>
        <source>Expected since {0}</source>
        <translation>Esperado desde el {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="179"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>ExpectedScreen</name>
    <message>
        <location filename="../../ui/screens/track.py" line="263"/>
        <source>Expected parcels</source>
        <translation>Paquetes esperados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="264"/>
        <source>Waiting for a parcel? Add its tracking number: when it arrives, it is logged for you and you get your pickup message straight away.</source>
        <translation>¿Espera un paquete? Agregue su número de rastreo: cuando llegue, se registrará a su nombre y recibirá enseguida su mensaje de recogida.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="266"/>
        <source>No tracking numbers yet. Scan the barcode on your shipping confirmation, or type the number and press Add.</source>
        <translation>Aún no hay números de rastreo. Escanee el código de barras de su confirmación de envío, o escriba el número y pulse Agregar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="268"/>
        <source>Tracking number</source>
        <translation>Número de rastreo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="269"/>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="270"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
</context>
<context>
    <name>ExpectedViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="199"/>
        <location filename="../../ui/viewmodels/track.py" line="258"/>
        <source>Type or scan the tracking number first.</source>
        <translation>Primero escriba o escanee el número de rastreo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="229"/>
        <source>Added {0}. When it arrives, it will be logged for you.</source>
        <translation>Se agregó {0}. Cuando llegue, se registrará a su nombre.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="237"/>
        <source>Removed.</source>
        <translation>Eliminado.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="248"/>
        <source>Sorry, that did not work. Please try again, or ask at the front desk.</source>
        <translation>Lo sentimos, no funcionó. Inténtelo de nuevo o pregunte en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="254"/>
        <source>That parcel already arrived on {0}. If it is not in your list, please see the front desk.</source>
        <translation>Ese paquete ya llegó el {0}. Si no aparece en su lista, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="256"/>
        <source>That parcel arrived on {0} and has already left the package room.</source>
        <translation>Ese paquete llegó el {0} y ya salió de la sala de paquetes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="259"/>
        <source>That is not a whole tracking number. Check it and try again.</source>
        <translation>Ese no es un número de rastreo completo. Revíselo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="260"/>
        <source>That tracking number has a mistake in it. Check each character.</source>
        <translation>Ese número de rastreo tiene un error. Revise cada carácter.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="261"/>
        <source>That tracking number is already on your list.</source>
        <translation>Ese número de rastreo ya está en su lista.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="262"/>
        <source>Your list is full. Remove a number you no longer need.</source>
        <translation>Su lista está llena. Elimine un número que ya no necesite.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="263"/>
        <source>That number is not on your list.</source>
        <translation>Ese número no está en su lista.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="264"/>
        <source>Pre-registration is not available for you here. Please see the front desk.</source>
        <translation>El registro anticipado no está disponible para usted aquí. Pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="267"/>
        <source>That parcel has already arrived.</source>
        <translation>Ese paquete ya llegó.</translation>
    </message>
</context>
<context>
    <name>HealthBar</name>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="72"/>
        <location filename="../../ui/widgets/health_bar.py" line="101"/>
        <source>not installed</source>
        <translation>sin instalar</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="72"/>
        <source>nothing waiting</source>
        <translation>nada pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="93"/>
        <source>ready</source>
        <translation>disponible</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="96"/>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="105"/>
        <source>not set up ({0} held)</source>
        <translation>sin configurar ({0} retenidos)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="108"/>
        <source>all sent</source>
        <translation>todo enviado</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="116"/>
        <source>, oldest {0}</source>
        <translation>, más antiguo: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="119"/>
        <source>{0} waiting{1}</source>
        <translation>{0} en espera{1}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="121"/>
        <source>{0} failed</source>
        <translation>{0} con error</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="136"/>
        <source>free {0}</source>
        <translation>libres {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="142"/>
        <source>{0} out of service</source>
        <translation>{0} fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="145"/>
        <source>{0} door(s) open</source>
        <translation>{0} puerta(s) abierta(s)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/health_bar.py" line="150"/>
        <source>board offline ({0})</source>
        <translation>placa sin conexión ({0})</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="36"/>
        <location filename="../../ui/screens/staff/intake.py" line="160"/>
        <source>Scan a parcel</source>
        <translation>Escanee un paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="50"/>
        <source>Name, unit or phone</source>
        <translation>Nombre, unidad o teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="61"/>
        <source>Show the on-screen keyboard</source>
        <translation>Mostrar el teclado en pantalla</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="86"/>
        <source>Save and print</source>
        <translation>Guardar e imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="89"/>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="93"/>
        <source>Undo last</source>
        <translation>Deshacer último</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="118"/>
        <source>Read label</source>
        <translation>Leer etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="121"/>
        <source>Read the tracking number and the recipient from the label under the camera</source>
        <translation>Leer el número de rastreo y el destinatario de la etiqueta bajo la cámara</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="165"/>
        <source>unknown carrier</source>
        <translation>transportista desconocido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="166"/>
        <source>Who is it for?</source>
        <translation>¿Para quién es?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="166"/>
        <source>Ready to save</source>
        <translation>Listo para guardar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="189"/>
        <source>{0} parcels this session</source>
        <translation>{0} paquetes en esta sesión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/intake.py" line="192"/>
        <source>needs attention</source>
        <translation>requiere atención</translation>
    </message>
</context>
<context>
    <name>IntakeViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="110"/>
        <source>Shelf {0} scanned. Scan a parcel first, then its shelf.</source>
        <translation>Estante {0} escaneado. Escanee primero un paquete y luego su estante.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="114"/>
        <source>This parcel goes to shelf {0}.</source>
        <translation>Este paquete va en el estante {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="118"/>
        <source>That barcode is not a tracking number. Scan the barcode marked TRACKING on the label.</source>
        <translation>Ese código de barras no es un número de rastreo. Escanee el código marcado TRACKING en la etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="124"/>
        <source>Not a known tracking-number format. Check it is the tracking barcode; save it anyway if it is.</source>
        <translation>Formato de número de rastreo desconocido. Verifique que sea el código de rastreo; si lo es, guárdelo de todos modos.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="148"/>
        <source>Already in the room: parcel {0} on {1}, for {2}. Not logged again.</source>
        <translation>Ya está en la sala: paquete {0} en {1}, para {2}. No se registró de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="149"/>
        <source>the desk</source>
        <translation>recepción</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="154"/>
        <source>A parcel with this number was picked up before: check it is not the same parcel back.</source>
        <translation>Ya se recogió un paquete con este número: verifique que no sea el mismo paquete devuelto.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="170"/>
        <source>Label reading needs a camera and the OCR package on this PC.</source>
        <translation>Para leer etiquetas se necesita una cámara y el software de OCR en este equipo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="174"/>
        <source>No picture from the camera yet: hold the label under it and try again.</source>
        <translation>Aún no hay imagen de la cámara: coloque la etiqueta debajo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="178"/>
        <source>Reading the label…</source>
        <translation>Leyendo la etiqueta…</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="180"/>
        <source>The label could not be read: {0}</source>
        <translation>No se pudo leer la etiqueta: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="185"/>
        <source>No tracking number on this picture: scan the tracking barcode.</source>
        <translation>No hay número de rastreo en esta imagen: escanee el código de rastreo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="194"/>
        <source>Read from the label: {0} ({1:.0%} sure). Check it, then save.</source>
        <translation>Leído de la etiqueta: {0} (certeza {1:.0%}). Verifíquelo y guarde.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="201"/>
        <source>not sure enough</source>
        <translation>certeza insuficiente</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="202"/>
        <source>The label does not say clearly who it is for ({0}): choose below.</source>
        <translation>La etiqueta no indica con claridad para quién es ({0}): elija abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="231"/>
        <source>Scan a parcel first.</source>
        <translation>Primero escanee un paquete.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="237"/>
        <source>Choose who this parcel is for, or save it to Needs attention.</source>
        <translation>Elija para quién es este paquete o guárdelo en Requiere atención.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="251"/>
        <source>Sign in to log parcels.</source>
        <translation>Inicie sesión para registrar paquetes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="279"/>
        <source>the front desk</source>
        <translation>recepción</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="281"/>
        <source>Saved to Needs attention ({0}). Put it on {1}.</source>
        <translation>Guardado en Requiere atención ({0}). Colóquelo en {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="284"/>
        <source>Saved for {0}, unit {1}. Put it on {2}.</source>
        <translation>Guardado para {0}, unidad {1}. Colóquelo en {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="291"/>
        <source>Locker {0} is opening: put the parcel in and close the door.</source>
        <translation>El casillero {0} se está abriendo: coloque el paquete y cierre la puerta.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="305"/>
        <source>Duplicate: {0}</source>
        <translation>Duplicado: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="310"/>
        <source>Not saved: {0}. Try again.</source>
        <translation>No se guardó: {0}. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/intake.py" line="324"/>
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
        <location filename="../../ui/screens/locker_pickup.py" line="110"/>
        <source>Compartment {0} of {1}</source>
        <translation>Compartimento {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="114"/>
        <source>Compartment</source>
        <translation>Compartimento</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="119"/>
        <source>Finding your lockers…</source>
        <translation>Buscando sus casilleros…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="121"/>
        <source>Opening compartment {0}…</source>
        <translation>Abriendo el compartimento {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="123"/>
        <source>Compartment {0} is open. Take your parcel, close the door, then tap Done.</source>
        <translation>El compartimento {0} está abierto. Retire su paquete, cierre la puerta y toque Listo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="126"/>
        <source>Take your parcel and close the door.</source>
        <translation>Retire su paquete y cierre la puerta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="127"/>
        <source>The locker is not responding. If you have your parcel, tap Done.</source>
        <translation>El casillero no responde. Si ya tiene su paquete, toque Listo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="129"/>
        <source>Your parcel is safe. Please see the front desk.</source>
        <translation>Su paquete está seguro. Por favor, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="131"/>
        <source>Compartment {0} cannot be opened right now.</source>
        <translation>El compartimento {0} no se puede abrir en este momento.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="133"/>
        <source>Compartment {0} could not be opened.</source>
        <translation>No se pudo abrir el compartimento {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="135"/>
        <source>Thank you…</source>
        <translation>Gracias…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="138"/>
        <source>None of your parcels are in the lockers.</source>
        <translation>Ninguno de sus paquetes está en los casilleros.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="140"/>
        <source>Done. The front desk has the rest of your parcels.</source>
        <translation>Listo. El resto de sus paquetes está en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="142"/>
        <source>All done. Thank you!</source>
        <translation>Todo listo. ¡Gracias!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="147"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="150"/>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/locker_pickup.py" line="153"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>LockersScreen</name>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="124"/>
        <source>Lockers</source>
        <extracomment>Asks for the CSV file (a path, or &quot;&quot; if cancelled); tests replace it.</extracomment>
        <translation>Casilleros</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="125"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="126"/>
        <source>Import CSV</source>
        <translation>Importar CSV</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="127"/>
        <source>Out of service</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="128"/>
        <source>Open for service</source>
        <translation>Abrir para servicio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="134"/>
        <source>free</source>
        <translation>libre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="135"/>
        <source>occupied</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="136"/>
        <source>door open</source>
        <translation>puerta abierta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="137"/>
        <source>out of service</source>
        <translation>fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="138"/>
        <source>unavailable</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="142"/>
        <source>Locker bank CSV</source>
        <translation>CSV del banco de casilleros</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="143"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="192"/>
        <source>No locker banks are set up.</source>
        <translation>No hay bancos de casilleros configurados.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="202"/>
        <source>Tap a compartment to see it.</source>
        <translation>Toque un compartimento para verlo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="206"/>
        <source>Compartment {0} · {1}</source>
        <translation>Compartimento {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="207"/>
        <source>Size {0} · board {1}, channel {2}</source>
        <translation>Tamaño {0} · placa {1}, canal {2}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/lockers.py" line="211"/>
        <source>Parcel {0} for unit {1}</source>
        <translation>Paquete {0} para la unidad {1}</translation>
    </message>
</context>
<context>
    <name>LockersViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="84"/>
        <source>Sign in to change lockers.</source>
        <translation>Inicie sesión para modificar los casilleros.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="91"/>
        <source>Compartment {0} is out of service.</source>
        <translation>El compartimento {0} está fuera de servicio.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="92"/>
        <source>Compartment {0} is back in service.</source>
        <translation>El compartimento {0} vuelve a estar en servicio.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="108"/>
        <source>Only an administrator can import locker banks.</source>
        <translation>Solo un administrador puede importar bancos de casilleros.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="117"/>
        <source>{0}: {1} compartment(s) checked, nothing written (dry run).</source>
        <translation>{0}: {1} compartimento(s) revisado(s), no se guardó nada (simulación).</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="118"/>
        <source>{0}: imported. {1} compartment(s) described.</source>
        <translation>{0}: importado. {1} compartimento(s) descrito(s).</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="123"/>
        <source>{0}: {1} error(s); nothing was changed.</source>
        <translation>{0}: {1} error(es); no se cambió nada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="135"/>
        <source>Sign in to open a compartment.</source>
        <translation>Inicie sesión para abrir un compartimento.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/lockers.py" line="143"/>
        <source>Compartment {0} is open. Close it when you are done.</source>
        <translation>El compartimento {0} está abierto. Ciérrelo cuando termine.</translation>
    </message>
</context>
<context>
    <name>MyParcelsScreen</name>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="165"/>
        <source>I&apos;m done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="173"/>
        <source>Your parcels are in the package room, on the shelves shown. If the room is locked, please ask at the front desk.</source>
        <translation>Sus paquetes están en la sala de paquetes, en los estantes indicados. Si la sala está cerrada, pregunte en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="189"/>
        <location filename="../../ui/screens/my_parcels.py" line="176"/>
        <source>Door unlocked — {0} s</source>
        <translation>Puerta abierta — {0} s</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="177"/>
        <source>Push the door open now, take your parcels and close the door behind you.</source>
        <translation>Empuje la puerta ahora, recoja sus paquetes y cierre la puerta al salir.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="179"/>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="180"/>
        <source>Please close the door behind you. Have a good day.</source>
        <translation>Cierre la puerta al salir, por favor. Que tenga un buen día.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="183"/>
        <source>Opening the door…</source>
        <translation>Abriendo la puerta…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="183"/>
        <source>Open the door</source>
        <translation>Abrir la puerta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="195"/>
        <source>Hello, {0}</source>
        <translation>Hola, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="197"/>
        <source>One parcel is waiting for you. Take it from this shelf:</source>
        <translation>Tiene un paquete esperándole. Recójalo en este estante:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="199"/>
        <source>{0} parcels are waiting for you. Take them from these shelves:</source>
        <translation>Tiene {0} paquetes esperándole. Recójalos en estos estantes:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="202"/>
        <source>Nothing is waiting for you right now.</source>
        <translation>Ahora mismo no hay nada para usted.</translation>
    </message>
</context>
<context>
    <name>MyPreferencesScreen</name>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="137"/>
        <source>My settings</source>
        <translation>Mis ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="138"/>
        <source>How we tell you that a parcel is waiting. Tap a switch: it is saved at once.</source>
        <translation>Cómo le avisamos de que un paquete le espera. Toque un interruptor: se guarda al momento.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="139"/>
        <source>Language of the messages</source>
        <translation>Idioma de los mensajes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="140"/>
        <source>Reminders about parcels still waiting</source>
        <translation>Recordatorios de paquetes que siguen esperando</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="141"/>
        <source>The message that a parcel has arrived cannot be turned off; this switch stops only the later reminders.</source>
        <translation>El mensaje de que ha llegado un paquete no se puede desactivar; este interruptor solo detiene los recordatorios posteriores.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="143"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="165"/>
        <source>E-mail to {0}</source>
        <translation>Correo a {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="165"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="166"/>
        <source>No e-mail address on file: ask at the front desk to add one.</source>
        <translation>No tenemos su correo electrónico: pida en recepción que lo añadan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="167"/>
        <source>E-mails to this address could not be delivered: please give the front desk your new address.</source>
        <translation>No se pudieron entregar los correos a esta dirección: dé su nueva dirección en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="170"/>
        <source>Text messages to {0}</source>
        <translation>Mensajes de texto a {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="170"/>
        <source>Text messages</source>
        <translation>Mensajes de texto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="171"/>
        <source>No mobile number on file: ask at the front desk to add one.</source>
        <translation>No tenemos su número de móvil: pida en recepción que lo añadan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="172"/>
        <source>Text messages to this number could not be delivered: please give the front desk your new number.</source>
        <translation>No se pudieron entregar los mensajes a este número: dé su nuevo número en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="177"/>
        <location filename="../../ui/screens/my_preferences.py" line="187"/>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="177"/>
        <location filename="../../ui/screens/my_preferences.py" line="187"/>
        <source>On</source>
        <translation>Activado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="178"/>
        <source>You will get no messages: your parcels will only be listed here at the kiosk. Turn e-mail or text messages on to be told when one arrives.</source>
        <translation>No recibirá ningún mensaje: sus paquetes solo aparecerán aquí, en el quiosco. Active el correo o los mensajes de texto para saber cuándo llega uno.</translation>
    </message>
</context>
<context>
    <name>ParcelCard</name>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="25"/>
        <source>Shelf</source>
        <translation>Estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="25"/>
        <source>Fridge</source>
        <translation>Refrigerador</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="25"/>
        <source>Oversize area</source>
        <translation>Zona de bultos grandes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="26"/>
        <source>Locker</source>
        <translation>Casillero</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="26"/>
        <source>Bin</source>
        <translation>Contenedor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="26"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="29"/>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="45"/>
        <source>On hold: see the front desk</source>
        <translation>Retenido: pase por recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="49"/>
        <source>Signature needed: see the front desk</source>
        <translation>Requiere firma: pase por recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/my_parcels.py" line="53"/>
        <source>Perishable — in the fridge</source>
        <translation>Perecedero: en el refrigerador</translation>
    </message>
</context>
<context>
    <name>ParcelListScreen</name>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="59"/>
        <source>Shelf</source>
        <translation>Estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="60"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="61"/>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="62"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="63"/>
        <source>Tracking</source>
        <translation>Rastreo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="64"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="65"/>
        <source>Waited</source>
        <translation>Espera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="66"/>
        <source>Flags</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="81"/>
        <source>Last digits of tracking, unit, name or shelf</source>
        <translation>Últimos dígitos de rastreo, unidad, nombre o estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="113"/>
        <location filename="../../ui/screens/staff/parcels.py" line="213"/>
        <source>Choose a parcel</source>
        <translation>Elija un paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="119"/>
        <source>Reprint label</source>
        <translation>Reimprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="120"/>
        <source>Move to shelf</source>
        <translation>Mover a estante</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="121"/>
        <source>Mark lost</source>
        <translation>Marcar perdido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="123"/>
        <source>Mark returned</source>
        <translation>Marcar devuelto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="192"/>
        <source>The newest {0} parcels; type more to narrow the search</source>
        <translation>Los {0} paquetes más recientes; escriba más para afinar la búsqueda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="195"/>
        <source>{0} parcels</source>
        <translation>{0} paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/parcels.py" line="241"/>
        <source>Tap the new shelf, or scan its barcode.</source>
        <translation>Toque el nuevo estante o escanee su código de barras.</translation>
    </message>
</context>
<context>
    <name>ParcelListViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="111"/>
        <source>No label printer is configured.</source>
        <translation>No hay impresora de etiquetas configurada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="114"/>
        <source>Label for {0} sent to the printer.</source>
        <translation>Etiqueta de {0} enviada a la impresora.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="129"/>
        <source>Moved to {0}.</source>
        <translation>Movido a {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="137"/>
        <source>Choose or type a reason first.</source>
        <translation>Primero elija o escriba un motivo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="139"/>
        <source>lost</source>
        <translation>perdido</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="139"/>
        <source>returned to sender</source>
        <translation>devuelto al remitente</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="141"/>
        <source>Parcel {0} marked {1}.</source>
        <translation>Paquete {0} marcado como {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="147"/>
        <source>Sign in first.</source>
        <translation>Primero inicie sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="149"/>
        <source>Choose a parcel in the list first.</source>
        <translation>Primero elija un paquete de la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/parcel_list.py" line="163"/>
        <source>That did not work: {0}</source>
        <translation>No funcionó: {0}</translation>
    </message>
</context>
<context>
    <name>PickupViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="167"/>
        <source>Enter the code from your message, then press OK.</source>
        <translation>Escriba el código de su mensaje y pulse OK.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="242"/>
        <source>Nothing is waiting for you right now.</source>
        <translation>Ahora mismo no hay nada para usted.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="256"/>
        <source>Too many wrong codes. Please wait {0} seconds or see the front desk.</source>
        <translation>Demasiados códigos incorrectos. Espere {0} segundos o pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="262"/>
        <source>That code was not accepted. Check your message and try again.</source>
        <translation>Ese código no fue aceptado. Revise su mensaje e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="265"/>
        <source>Something went wrong. Please see the front desk.</source>
        <translation>Algo salió mal. Por favor, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="278"/>
        <source>You can try again now.</source>
        <translation>Ya puede intentarlo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="312"/>
        <source>Sorry, the door could not be opened. Please see the front desk.</source>
        <translation>Lo sentimos, no se pudo abrir la puerta. Por favor, pase por recepción.</translation>
    </message>
</context>
<context>
    <name>PreferencesViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/preferences.py" line="86"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/preferences.py" line="94"/>
        <source>Sorry, your settings could not be saved. Please try again or ask at the front desk.</source>
        <translation>Lo sentimos, no se pudieron guardar sus ajustes. Inténtelo de nuevo o pregunte en recepción.</translation>
    </message>
</context>
<context>
    <name>ProblemButton</name>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="222"/>
        <source>Something&apos;s wrong</source>
        <translation>Hay un problema</translation>
    </message>
</context>
<context>
    <name>ReportProblemScreen</name>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="109"/>
        <source>Missing
(not on its shelf)</source>
        <translation>Falta
(no está en su estante)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="110"/>
        <source>Damaged</source>
        <translation>Dañado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="112"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="112"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="118"/>
        <source>Thank you — the front desk has been told</source>
        <translation>Gracias — se ha avisado a la recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="119"/>
        <source>Staff will look into it. You can carry on.</source>
        <translation>El personal lo revisará. Puede continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="121"/>
        <source>Sorry, that could not be saved</source>
        <translation>Lo sentimos, no se pudo guardar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="122"/>
        <source>Please tell the front desk what is wrong.</source>
        <translation>Por favor, diga en la recepción qué pasa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="125"/>
        <source>What is wrong with parcel {0}?</source>
        <translation>¿Qué le pasa al paquete {0}?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="126"/>
        <source>It belongs on {0}.</source>
        <translation>Su lugar es {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="129"/>
        <source>Something&apos;s wrong?</source>
        <translation>¿Hay un problema?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/report_problem.py" line="130"/>
        <source>Which parcel is it about?</source>
        <translation>¿De qué paquete se trata?</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="64"/>
        <source>Figure</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="65"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="99"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="99"/>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/reports.py" line="105"/>
        <location filename="../../ui/screens/staff/reports.py" line="145"/>
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
        <location filename="../../ui/screens/staff/residents.py" line="484"/>
        <source>Import residents</source>
        <translation>Importar residentes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="488"/>
        <source>Path of the rent-roll CSV export</source>
        <translation>Ruta del CSV exportado con la lista de inquilinos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="490"/>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="495"/>
        <source>Detect from the column headers</source>
        <translation>Detectar por los encabezados de columna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="499"/>
        <source>Partial list</source>
        <translation>Lista parcial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="500"/>
        <source>The file lists only some residents: nobody is moved out for being absent</source>
        <translation>El archivo incluye solo algunos residentes: no se da de baja a nadie por no aparecer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="502"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="504"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="511"/>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="511"/>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="512"/>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="513"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="522"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="523"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="557"/>
        <source>Rent-roll export</source>
        <translation>Lista de inquilinos exportada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="558"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="569"/>
        <source>Choose the file, then Preview: nothing is written until you press Import.</source>
        <translation>Elija el archivo y luego Vista previa: no se guarda nada hasta que pulse Importar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="576"/>
        <source>{0}: preset {1}, {2} rows. {3} to add, {4} to update, {5} unchanged, {6} moved out ({7} waiting parcels flagged), {8} skipped, {9} errors.</source>
        <translation>{0}: formato {1}, {2} filas. {3} por agregar, {4} por actualizar, {5} sin cambios, {6} dados de baja ({7} paquetes en espera marcados), {8} omitidos, {9} errores.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="581"/>
        <source>add</source>
        <translation>agregar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="582"/>
        <source>update</source>
        <translation>actualizar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="583"/>
        <source>move out</source>
        <translation>dar de baja</translation>
    </message>
</context>
<context>
    <name>ResidentImportViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="340"/>
        <location filename="../../ui/viewmodels/residents.py" line="371"/>
        <source>Sign in to import residents.</source>
        <translation>Inicie sesión para importar residentes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="343"/>
        <source>Choose the rent-roll file first.</source>
        <translation>Primero elija el archivo con la lista de inquilinos.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="346"/>
        <source>{0}: no such file.</source>
        <translation>{0}: el archivo no existe.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="363"/>
        <source>{0} row problem(s): fix them in the file and preview again. Nothing can be imported until then.</source>
        <translation>{0} problema(s) en filas: corríjalos en el archivo y vuelva a generar la vista previa. No se puede importar nada hasta entonces.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="366"/>
        <source>No problems found. Check the figures, then press Import.</source>
        <translation>No se encontraron problemas. Revise las cifras y pulse Importar.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="374"/>
        <source>Preview the file first; it can be imported once the preview shows no problem.</source>
        <translation>Primero genere la vista previa del archivo; podrá importarlo cuando no muestre problemas.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="389"/>
        <source>Imported: {0} added, {1} updated, {2} moved out.</source>
        <translation>Importado: {0} agregados, {1} actualizados, {2} dados de baja.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="393"/>
        <source>Nothing was imported: the file now has {0} row problem(s).</source>
        <translation>No se importó nada: el archivo ahora tiene {0} problema(s) en filas.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="406"/>
        <source>Import failed: {0}</source>
        <translation>La importación falló: {0}</translation>
    </message>
</context>
<context>
    <name>ResidentsScreen</name>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="92"/>
        <source>Residents</source>
        <translation>Residentes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="97"/>
        <source>Name, unit or phone</source>
        <translation>Nombre, unidad o teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="104"/>
        <source>Show moved out</source>
        <translation>Mostrar dados de baja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="106"/>
        <source>Bounced (0)</source>
        <translation>Rebotados (0)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="107"/>
        <source>Residents whose e-mail bounced or whose text messages failed</source>
        <translation>Residentes cuyo correo rebotó o cuyos mensajes de texto fallaron</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="111"/>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="112"/>
        <location filename="../../ui/screens/staff/residents.py" line="247"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="113"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="114"/>
        <source>Parcels</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="115"/>
        <source>Notices</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="135"/>
        <source>Details</source>
        <translation>Datos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="136"/>
        <source>Proxies</source>
        <translation>Autorizados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="137"/>
        <source>Holds</source>
        <translation>Retenciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="174"/>
        <source>Clear e-mail warning</source>
        <translation>Quitar aviso de correo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="177"/>
        <source>Clear SMS warning</source>
        <translation>Quitar aviso de SMS</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="219"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="221"/>
        <location filename="../../ui/screens/staff/residents.py" line="432"/>
        <source>Move out</source>
        <translation>Dar de baja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="233"/>
        <source>Remove proxy</source>
        <translation>Quitar autorizado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="248"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="249"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="254"/>
        <location filename="../../ui/screens/staff/residents.py" line="285"/>
        <source>From – until</source>
        <translation>Desde – hasta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="255"/>
        <source>Only these parcels</source>
        <translation>Solo estos paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="258"/>
        <source>Add proxy</source>
        <translation>Agregar autorizado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="268"/>
        <source>End hold</source>
        <translation>Terminar retención</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="275"/>
        <source>No end date</source>
        <translation>Sin fecha de fin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="286"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="289"/>
        <source>Add vacation hold</source>
        <translation>Retener por vacaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="294"/>
        <source>Hold parcel</source>
        <translation>Retener paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="315"/>
        <source>Choose a resident from the list</source>
        <translation>Elija un residente de la lista</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="341"/>
        <source>, named parcels only</source>
        <translation>, solo paquetes indicados</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="360"/>
        <source>until ended</source>
        <translation>hasta que se termine</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="361"/>
        <source>Vacation</source>
        <translation>Vacaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="361"/>
        <source>Parcel {0}</source>
        <translation>Paquete {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="371"/>
        <source>⚠ e-mail bounced</source>
        <translation>⚠ correo rebotado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="373"/>
        <source>⚠ SMS failed</source>
        <translation>⚠ SMS fallido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="377"/>
        <source>Bounced ({0})</source>
        <translation>Rebotados ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="385"/>
        <source>E-mail to this address bounced: no e-mail notices are sent.</source>
        <translation>El correo a esta dirección rebotó: no se envían avisos por correo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="387"/>
        <source>Text messages to this mobile number failed: no text messages are sent.</source>
        <translation>Los mensajes de texto a este móvil fallaron: no se envían mensajes de texto.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="389"/>
        <source>Correct the address or number and save (that clears the warning), or clear it if it is right.</source>
        <translation>Corrija la dirección o el número y guarde (eso quita el aviso), o quite el aviso si es correcto.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="423"/>
        <source>Tap again to move out</source>
        <translation>Toque de nuevo para dar de baja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="424"/>
        <source>Moving out sends this resident&apos;s waiting parcels to Needs attention. Tap Move out again to confirm.</source>
        <translation>Al dar de baja, los paquetes en espera de este residente pasan a Requiere atención. Toque Dar de baja de nuevo para confirmar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="449"/>
        <source>Tap a proxy in the list first.</source>
        <translation>Primero toque un autorizado de la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/residents.py" line="470"/>
        <source>Tap a hold in the list first.</source>
        <translation>Primero toque una retención de la lista.</translation>
    </message>
</context>
<context>
    <name>ResidentsViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="163"/>
        <source>Saved {0}.</source>
        <translation>Se guardó {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="174"/>
        <source>Notices will be sent to it again.</source>
        <translation>Se volverán a enviar avisos.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="188"/>
        <source>{0} moved out. {1} waiting parcel(s) are now in Needs attention.</source>
        <translation>Se dio de baja a {0}. {1} paquete(s) en espera pasaron a Requiere atención.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="191"/>
        <source>{0} moved out.</source>
        <translation>Se dio de baja a {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="208"/>
        <source>{0} may now collect for this resident.</source>
        <translation>{0} ya puede recoger por este residente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="216"/>
        <source>Proxy removed.</source>
        <translation>Autorizado eliminado.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="227"/>
        <source>Vacation hold added.</source>
        <translation>Retención por vacaciones agregada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="234"/>
        <source>Parcel {0} is on hold.</source>
        <translation>El paquete {0} está retenido.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="242"/>
        <source>Hold ended.</source>
        <translation>Retención terminada.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="253"/>
        <source>Sign in to change residents.</source>
        <translation>Inicie sesión para modificar residentes.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="263"/>
        <location filename="../../ui/viewmodels/residents.py" line="278"/>
        <source>Not saved: {0}</source>
        <translation>No se guardó: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/residents.py" line="273"/>
        <source>Not saved: correct the marked fields.</source>
        <translation>No se guardó: corrija los campos marcados.</translation>
    </message>
</context>
<context>
    <name>RoomMapPanel</name>
    <message>
        <location filename="../../ui/widgets/room_map.py" line="165"/>
        <source>You are here</source>
        <translation>Usted está aquí</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/room_map.py" line="171"/>
        <source>Your parcels are on the highlighted shelves.</source>
        <translation>Sus paquetes están en los estantes resaltados.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/room_map.py" line="172"/>
        <source>Map of the package room</source>
        <translation>Mapa del cuarto de paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/room_map.py" line="174"/>
        <source>Your parcels are on: {0}. The door is at the bottom of the map.</source>
        <translation>Sus paquetes están en: {0}. La puerta está en la parte de abajo del mapa.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/room_map.py" line="175"/>
        <source>None of your parcels are on the room&apos;s shelves.</source>
        <translation>Ninguno de sus paquetes está en los estantes del cuarto.</translation>
    </message>
</context>
<context>
    <name>SettingsButton</name>
    <message>
        <location filename="../../ui/screens/my_preferences.py" line="197"/>
        <source>My settings</source>
        <translation>Mis ajustes</translation>
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
        <location filename="../../ui/screens/staff/building.py" line="248"/>
        <source>Staff accounts</source>
        <translation>Cuentas del personal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="251"/>
        <location filename="../../ui/screens/staff/building.py" line="285"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="252"/>
        <location filename="../../ui/screens/staff/building.py" line="286"/>
        <location filename="../../ui/screens/staff/building.py" line="298"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="253"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="253"/>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="253"/>
        <source>deactivated</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="254"/>
        <source>Badge</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="264"/>
        <source>Add staff member</source>
        <translation>Agregar empleado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="271"/>
        <source>Reset PIN</source>
        <translation>Restablecer PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="274"/>
        <source>Set role</source>
        <translation>Asignar rol</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="277"/>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="279"/>
        <source>Reactivate with the new PIN</source>
        <translation>Reactivar con el nuevo PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="287"/>
        <source>PIN (4–12 digits)</source>
        <translation>PIN (4–12 dígitos)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="288"/>
        <source>Badge (optional)</source>
        <translation>Credencial (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="294"/>
        <source>New PIN</source>
        <translation>Nuevo PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="305"/>
        <source>Selected staff member</source>
        <translation>Empleado seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="305"/>
        <source>New staff member</source>
        <translation>Nuevo empleado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="344"/>
        <source>Only an admin may manage staff accounts.</source>
        <translation>Solo un administrador puede gestionar las cuentas del personal.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/building.py" line="365"/>
        <source>Tap a staff member in the list first.</source>
        <translation>Primero toque un empleado de la lista.</translation>
    </message>
</context>
<context>
    <name>StaffAccountsViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="171"/>
        <source>Added {0} ({1}).</source>
        <translation>Se agregó a {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="175"/>
        <source>New PIN set for {0}.</source>
        <translation>Nuevo PIN asignado a {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="179"/>
        <source>{0} is now {1}.</source>
        <translation>Ahora {0} tiene el rol {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="183"/>
        <source>{0} can no longer sign in.</source>
        <translation>{0} ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/building.py" line="187"/>
        <source>{0} can sign in again with the new PIN.</source>
        <translation>{0} puede volver a iniciar sesión con el nuevo PIN.</translation>
    </message>
</context>
<context>
    <name>StaffShell</name>
    <message>
        <location filename="../../ui/screens/staff/shell.py" line="69"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>TakenCard</name>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="48"/>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="50"/>
        <source>Reported missing — the front desk has been told</source>
        <translation>Falta — se ha avisado a la recepción</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="52"/>
        <source>✓  I took this parcel</source>
        <translation>✓  Tomé este paquete</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="54"/>
        <source>Tap here if you took it</source>
        <translation>Toque aquí si lo tomó</translation>
    </message>
    <message>
        <location filename="../../ui/screens/confirm_pickup.py" line="56"/>
        <source>Reported damaged — tap here if you took it</source>
        <translation>Dañado — toque aquí si lo tomó</translation>
    </message>
</context>
<context>
    <name>TemplatesScreen</name>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="50"/>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="59"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="60"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="74"/>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="123"/>
        <location filename="../../ui/screens/staff/templates.py" line="221"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="125"/>
        <source>Reset to default</source>
        <translation>Volver al texto original</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="137"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="140"/>
        <source>Placeholders (tap to insert)</source>
        <translation>Marcadores (toque para insertar)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="143"/>
        <source>Preview with sample data</source>
        <translation>Vista previa con datos de ejemplo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="171"/>
        <source>Parcel arrived</source>
        <translation>Paquete recibido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="171"/>
        <source>Perishable parcel arrived</source>
        <translation>Paquete perecedero recibido</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="172"/>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="172"/>
        <source>Final notice before return</source>
        <translation>Último aviso antes de devolver</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="173"/>
        <source>Returned to the sender</source>
        <translation>Devuelto al remitente</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="173"/>
        <source>Hold started</source>
        <translation>Retención iniciada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="174"/>
        <source>Hold ended</source>
        <translation>Retención terminada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="174"/>
        <source>Audit finding</source>
        <translation>Hallazgo de la revisión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="175"/>
        <source>Daily digest (staff)</source>
        <translation>Resumen diario (personal)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="176"/>
        <source>Perishable not collected (staff)</source>
        <translation>Perecedero sin recoger (personal)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="206"/>
        <source>No {0} text yet: residents get the English one below until you save one.</source>
        <translation>Aún no hay texto en {0}: los residentes reciben el texto en inglés de abajo hasta que guarde uno.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="209"/>
        <source>Custom text.</source>
        <translation>Texto personalizado.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="211"/>
        <source>Built-in text.</source>
        <translation>Texto original.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="215"/>
        <source>Saved by {0} on {1}.</source>
        <translation>Guardado por {0} el {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="215"/>
        <source>Reset by {0} on {1}.</source>
        <translation>Restablecido por {0} el {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="221"/>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="238"/>
        <source>plain (GSM-7)</source>
        <translation>texto simple (GSM-7)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="239"/>
        <source>Unicode (UCS-2): accents such as á, í, ó, ú halve the room</source>
        <translation>Unicode (UCS-2): acentos como á, í, ó, ú reducen el espacio a la mitad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="240"/>
        <source>{0} characters, {1} segment(s), {2}.</source>
        <translation>{0} caracteres, {1} segmento(s), {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="245"/>
        <source>Too long: {0} segments even after shortening (at most {1}). Make the text shorter.</source>
        <translation>Demasiado largo: {0} segmentos incluso después de acortarlo (como máximo {1}). Acorte el texto.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff/templates.py" line="249"/>
        <source>With these sample values the text takes {0} segments, more than {1}: the instructions were shortened to fit. Shorten the text to send them whole.</source>
        <translation>Con estos valores de ejemplo el texto ocupa {0} segmentos, más de {1}: se acortaron las instrucciones para que quepa. Acorte el texto para enviarlas completas.</translation>
    </message>
</context>
<context>
    <name>TemplatesViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/templates.py" line="138"/>
        <source>{0}: use one from the list of placeholders.</source>
        <translation>{0}: use uno de la lista de marcadores.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/templates.py" line="147"/>
        <location filename="../../ui/viewmodels/templates.py" line="170"/>
        <location filename="../../ui/viewmodels/templates.py" line="173"/>
        <source>Not saved: {0}</source>
        <translation>No se guardó: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/templates.py" line="153"/>
        <source>Saved. New notices use this text.</source>
        <translation>Guardado. Los nuevos avisos usan este texto.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/templates.py" line="160"/>
        <source>Back to the built-in text.</source>
        <translation>Se volvió al texto original.</translation>
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
    <name>TrackButton</name>
    <message>
        <location filename="../../ui/screens/track.py" line="327"/>
        <source>Is my package here?</source>
        <translation>¿Llegó mi paquete?</translation>
    </message>
</context>
<context>
    <name>TrackScreen</name>
    <message>
        <location filename="../../ui/screens/track.py" line="140"/>
        <source>Is my package here?</source>
        <translation>¿Llegó mi paquete?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="141"/>
        <source>Hold the barcode on your shipping confirmation under the scanner, or type the whole tracking number and press Check.</source>
        <translation>Ponga el código de barras de su confirmación de envío bajo el escáner, o escriba el número de rastreo completo y pulse Comprobar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="143"/>
        <source>Tracking number</source>
        <translation>Número de rastreo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="144"/>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/track.py" line="145"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
</context>
<context>
    <name>TrackViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="62"/>
        <source>Type or scan the tracking number first.</source>
        <translation>Primero escriba o escanee el número de rastreo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="65"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="97"/>
        <source>Sorry, the kiosk could not check that just now.</source>
        <translation>Lo sentimos, el quiosco no pudo comprobarlo en este momento.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="98"/>
        <source>Please try again, or ask at the front desk.</source>
        <translation>Inténtelo de nuevo o pregunte en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="104"/>
        <source>Yes, it is here.</source>
        <translation>Sí, ya está aquí.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="105"/>
        <source>Parcel {0} arrived on {1} and is waiting to be picked up. Use the pickup code from your message to collect it.</source>
        <translation>El paquete {0} llegó el {1} y está esperando a que lo recojan. Use el código de recogida de su mensaje para retirarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="108"/>
        <source>It has already been picked up.</source>
        <translation>Ya fue recogido.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="109"/>
        <source>Parcel {0} was picked up on {1}. If that was not you, please see the front desk.</source>
        <translation>El paquete {0} fue recogido el {1}. Si no fue usted, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="112"/>
        <source>It was returned to the sender.</source>
        <translation>Fue devuelto al remitente.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="113"/>
        <source>Parcel {0} was sent back on {1}. Please contact the sender or the front desk.</source>
        <translation>El paquete {0} fue devuelto el {1}. Comuníquese con el remitente o con recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="116"/>
        <source>Please ask at the front desk.</source>
        <translation>Por favor, pregunte en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="117"/>
        <source>The front desk can tell you more about parcel {0}.</source>
        <translation>En recepción pueden darle más información sobre el paquete {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="119"/>
        <source>Not here yet.</source>
        <translation>Todavía no ha llegado.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="120"/>
        <source>No parcel with tracking number {0} has arrived. Check the number, or try again later.</source>
        <translation>No ha llegado ningún paquete con el número de rastreo {0}. Verifique el número o vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="126"/>
        <source>Too many numbers were tried here.</source>
        <translation>Se han probado demasiados números aquí.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="127"/>
        <source>Please try again in {0} minutes, or ask at the front desk.</source>
        <translation>Vuelva a intentarlo en {0} minutos o pregunte en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="129"/>
        <source>That number has a mistake in it.</source>
        <translation>Ese número tiene un error.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="130"/>
        <source>Check each character against your shipping confirmation and try again.</source>
        <translation>Compare cada carácter con su confirmación de envío e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="131"/>
        <source>That is not a whole tracking number.</source>
        <translation>Ese no es un número de rastreo completo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/track.py" line="132"/>
        <source>Type the whole tracking number from your shipping confirmation, or scan its barcode.</source>
        <translation>Escriba el número de rastreo completo de su confirmación de envío o escanee su código de barras.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../ui/screens/welcome.py" line="109"/>
        <source>Pick up your packages</source>
        <translation>Recoja sus paquetes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="111"/>
        <source>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; Type the pickup code from your text or e-mail, then press &lt;b&gt;OK&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; Or hold the QR code from your message under the scanner.&lt;/p&gt;&lt;p&gt;&lt;b&gt;3.&lt;/b&gt; Or tap your fob on the reader.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; Escriba el código de recogida de su mensaje de texto o correo y pulse &lt;b&gt;OK&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; O acerque el código QR de su mensaje al escáner.&lt;/p&gt;&lt;p&gt;&lt;b&gt;3.&lt;/b&gt; O pase su llavero por el lector.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="120"/>
        <source>Enter your code</source>
        <translation>Escriba su código</translation>
    </message>
    <message>
        <location filename="../../ui/screens/welcome.py" line="134"/>
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
