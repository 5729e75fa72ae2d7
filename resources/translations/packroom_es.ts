<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
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
    <name>PickupViewModel</name>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="143"/>
        <source>Enter the code from your message, then press OK.</source>
        <translation>Escriba el código de su mensaje y pulse OK.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="177"/>
        <source>Nothing is waiting for you right now.</source>
        <translation>Ahora mismo no hay nada para usted.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="183"/>
        <source>Too many wrong codes. Please wait {0} seconds or see the front desk.</source>
        <translation>Demasiados códigos incorrectos. Espere {0} segundos o pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="189"/>
        <source>That code was not accepted. Check your message and try again.</source>
        <translation>Ese código no fue aceptado. Revise su mensaje e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="192"/>
        <source>Something went wrong. Please see the front desk.</source>
        <translation>Algo salió mal. Por favor, pase por recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="205"/>
        <source>You can try again now.</source>
        <translation>Ya puede intentarlo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/viewmodels/pickup.py" line="217"/>
        <source>Sorry, the door could not be opened. Please see the front desk.</source>
        <translation>Lo sentimos, no se pudo abrir la puerta. Por favor, pase por recepción.</translation>
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
</TS>
