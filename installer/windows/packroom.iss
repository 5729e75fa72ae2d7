; Packroom for Windows 10/11 (x64): Inno Setup 6 script.
;
; Build (on Windows, from the repository root, in a virtual environment with Packroom and
; PyInstaller installed: py -m venv .venv; .venv\Scripts\pip install -e .[test] pyinstaller libusb):
;
;   .venv\Scripts\python -m PyInstaller --noconfirm installer\packroom.spec
;       -> dist\packroom\packroom.exe (console: the command line, self-test, backup)
;          dist\packroom\packroomw.exe (no console window: the kiosk, the Start menu, .packroom files)
;   dist\packroom\packroom.exe --self-test
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\packroom.iss
;       -> dist\packroom-0.1.0-setup.exe
;
; What the installer does:
;   - installs the bundle in C:\Program Files\Packroom (per machine; needs an administrator)
;   - Start-menu entries: Packroom, Packroom (full screen), Packroom self-test, Packroom backup
;   - optional task "kiosk": starts Packroom full screen whenever a user signs in (all users'
;     Startup folder). For a locked-down kiosk see "Kiosk mode" below.
;   - optional task "association": .packroom export bundles open in `packroom review "<file>"`
;     (the manager's read-only viewer)
;   - after copying, runs `packroom --self-test` (temporary database, simulated devices) and
;     says so if it fails
;   - an upgrade installs over the previous version; the kiosk is closed first (Restart Manager).
;     The configuration (%LOCALAPPDATA%\packroom\packroom.toml) and the data
;     (%LOCALAPPDATA%\packroom\: database, backups) belong to the kiosk's Windows account and
;     are never touched: at its next start the new version backs the database up
;     (backups\packroom-pre-upgrade-*.sqlite3), applies the migrations, and restores the copy
;     if one fails; it refuses a database written by a newer Packroom with a message. The
;     uninstaller leaves the data too.
;
; Kiosk mode (a front-desk PC that shows nothing but Packroom):
;   1. Create a standard (not administrator) local account for the kiosk, e.g. "kiosk", and sign
;      in with it once: at the first start Packroom opens its set-up wizard (property, admin PIN,
;      devices, notifications, residents) and writes the configuration into that account.
;   2. Windows 10/11 Enterprise, Education or IoT Enterprise: use Shell Launcher, which runs
;      Packroom *instead of* Explorer for that account and restarts it if it exits. In an
;      administrator PowerShell:
;        Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
;        $sl  = [wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting"
;        $sid = (New-Object System.Security.Principal.NTAccount("kiosk")).Translate(
;                 [System.Security.Principal.SecurityIdentifier]).Value
;        $sl.SetCustomShell($sid, '"C:\Program Files\Packroom\packroomw.exe" run --fullscreen', $null, $null, 0)
;        $sl.SetEnabled($true)
;      (the last 0 = restart the shell when it exits; administrators keep Explorer). Shell
;      Launcher v2 does the same through an Assigned Access XML configuration (Intune / MDM).
;      Assigned Access "single-app kiosk" in Settings > Accounts only runs Store apps and Edge
;      on Windows 10 and 11 Pro, so it is not the way for Packroom there.
;   3. Windows 10/11 Pro: tick the "kiosk" task (Packroom full screen at sign-in), turn on
;      automatic sign-in for the kiosk account (Sysinternals Autologon), and restrict the
;      account with Group Policy (no Task Manager, no Ctrl+Alt+Del options, no Windows key
;      shortcuts). Packroom's --fullscreen keeps its window on top with no chrome.
;   4. Turn off sleep and screen-off in Power Options, and Windows Update's automatic restarts
;      during opening hours.
;
; USB drivers (Packroom drives some devices directly through libusb, via pyusb):
;   - Keyboard-wedge scanners (devices.scanner = "keyboard:"), serial devices (COM ports:
;     scanners in CDC mode, LCUS relays, serial printers), network printers, Shelly and
;     UHPPOTE controllers need no driver beyond Windows' own (CH340 adapters: the WCH driver
;     from Windows Update).
;   - Devices opened by VID:PID - dcttech USB relay boards (usbrelay://16c0:05df), ESC/POS
;     printers on escpos-usb://VID:PID and scanners on hid://VID:PID - need the WinUSB driver:
;     run Zadig (https://zadig.akeo.ie), Options > List All Devices, pick the device (check the
;     USB ID matches), choose WinUSB, Replace Driver. A scanner given to WinUSB stops typing
;     into other programs (that is the point of hid://); put it back with Device Manager >
;     Uninstall device > "Delete the driver software", then replug.
;   - pyusb needs libusb-1.0.dll: the spec bundles it when the "libusb" PyPI package is in the
;     build environment (pip install libusb); otherwise copy libusb-1.0.dll (64-bit, from the
;     libusb release) into dist\packroom\ before running ISCC. `packroom devices list` shows
;     "no USB library (libusb)" when it is missing.
;   - `packroom devices test printer|door|scanner|camera` (Start menu: Packroom self-test opens a
;     console in the program folder) drives one device and says what is wrong.

#define AppName "Packroom"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define BundleDir "..\..\dist\packroom"
#define KioskExe "packroomw.exe"
#define ConsoleExe "packroom.exe"

[Setup]
AppId={{C0066127-E8A1-465D-8E58-02671B741CFA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Packroom
AppComments=The front-desk kiosk that runs a building's package room
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=packroom-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=force
RestartApplications=no
UninstallDisplayIcon={app}\{#KioskExe}
UninstallDisplayName={#AppName} {#AppVersion}
SetupLogging=yes
VersionInfoVersion={#AppVersion}

[Tasks]
Name: "kiosk"; Description: "Start Packroom full screen whenever a user signs in (kiosk PC)"; GroupDescription: "Kiosk:"; Flags: unchecked
Name: "association"; Description: "Open .packroom export bundles with Packroom (manager's viewer)"; GroupDescription: "Files:"
Name: "desktopicon"; Description: "A desktop shortcut"; GroupDescription: "Shortcuts:"; Flags: unchecked

[Files]
; The whole PyInstaller folder: both executables and _internal\ (Python, Qt and its plugins,
; translations, styles, migrations, libzbar, zxing-cpp, OpenCV).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; the previous version's Python packages: files that no longer exist must not linger
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Packroom"; Filename: "{app}\{#KioskExe}"; Parameters: "run"; WorkingDir: "{app}"; Comment: "Start the kiosk in a window"
Name: "{group}\Packroom (full screen)"; Filename: "{app}\{#KioskExe}"; Parameters: "run --fullscreen"; WorkingDir: "{app}"
Name: "{group}\Packroom demo"; Filename: "{app}\{#KioskExe}"; Parameters: "run --demo"; WorkingDir: "{app}"; Comment: "The demo building (seeds an empty database)"
Name: "{group}\Packroom self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#ConsoleExe}"" --self-test"; WorkingDir: "{app}"
Name: "{group}\Packroom backup now"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#ConsoleExe}"" backup"; WorkingDir: "{app}"
Name: "{group}\Uninstall Packroom"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Packroom"; Filename: "{app}\{#KioskExe}"; Parameters: "run"; Tasks: desktopicon
Name: "{commonstartup}\Packroom kiosk"; Filename: "{app}\{#KioskExe}"; Parameters: "run --fullscreen"; WorkingDir: "{app}"; Tasks: kiosk

[Registry]
; .packroom -> Packroom.Bundle -> packroomw.exe review "<file>"
Root: HKA; Subkey: "Software\Classes\.packroom"; ValueType: string; ValueName: ""; ValueData: "Packroom.Bundle"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.packroom"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-packroom-bundle"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\Packroom.Bundle"; ValueType: string; ValueName: ""; ValueData: "Packroom export bundle"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\Packroom.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#KioskExe}"",0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\Packroom.Bundle\shell\open"; ValueType: string; ValueName: ""; ValueData: "Review in Packroom"; Tasks: association
Root: HKA; Subkey: "Software\Classes\Packroom.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#KioskExe}"" review ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#KioskExe}\SupportedTypes"; ValueType: string; ValueName: ".packroom"; ValueData: ""; Flags: uninsdeletekey; Tasks: association

[Run]
Filename: "{app}\{#KioskExe}"; Parameters: "run"; WorkingDir: "{app}"; Description: "Start Packroom now (the set-up wizard opens on a new installation)"; Flags: postinstall nowait skipifsilent unchecked

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
{ After the files are in place, run the bundle's self-test (a temporary database and simulated
  devices: it touches neither the kiosk's data nor its hardware) and say so if it fails. }
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
  Log: String;
begin
  if CurStep = ssPostInstall then
  begin
    Log := ExpandConstant('{tmp}\packroom-self-test.txt');
    WizardForm.StatusLabel.Caption := 'Checking the installation (packroom --self-test)...';
    if not Exec(ExpandConstant('{cmd}'),
                '/c ""' + ExpandConstant('{app}\{#ConsoleExe}') + '" --self-test > "' + Log + '" 2>&1"',
                ExpandConstant('{app}'), SW_HIDE, ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
    begin
      FileCopy(Log, ExpandConstant('{app}\self-test-failed.txt'), False);
      SuppressibleMsgBox('Packroom is installed, but its self-test failed (exit code ' + IntToStr(ResultCode) +
        '). The report is in ' + ExpandConstant('{app}\self-test-failed.txt') +
        '. Run "Packroom self-test" from the Start menu after fixing the cause.',
        mbError, MB_OK, IDOK);
    end
    else
      DeleteFile(ExpandConstant('{app}\self-test-failed.txt'));
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    SuppressibleMsgBox('Packroom is removed. Its configuration, database and backups are kept in each ' +
      'user''s %LOCALAPPDATA%\packroom folder; delete that folder to remove them too.',
      mbInformation, MB_OK, IDOK);
end;
