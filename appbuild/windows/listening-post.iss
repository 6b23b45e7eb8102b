; Inno Setup script: a per-user install of the PyInstaller folder, no administrator rights.
; Built by `python -m appbuild` on Windows when iscc is on PATH, which passes /DAppVersion and
; /DSourceDir (dist\listening-post) and /DOutputDir (dist).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{7C1E5E0B-4B8A-4F3C-9B6E-2A7D3C1F5E21}
AppName=Listening Post
AppVersion={#AppVersion}
AppPublisher=Listening Post
DefaultDirName={localappdata}\Programs\Listening Post
DefaultGroupName=Listening Post
DisableProgramGroupPage=yes
; Per user: installs in the user's own profile, so no UAC prompt and no admin rights.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#OutputDir}
OutputBaseFilename=listening-post-{#AppVersion}-windows-x86_64-setup
SetupIconFile={#SourceDir}\..\..\resources\icons\listening-post.ico
UninstallDisplayIcon={app}\listening-post.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{userprograms}\Listening Post"; Filename: "{app}\listening-post.exe"
Name: "{userdesktop}\Listening Post"; Filename: "{app}\listening-post.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Put an icon on the desktop"; Flags: unchecked

[Run]
Filename: "{app}\listening-post.exe"; Description: "Open Listening Post"; Flags: nowait postinstall skipifsilent
