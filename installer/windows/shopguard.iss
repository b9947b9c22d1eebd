; ShopGuard setup for Windows (Inno Setup 6). Packs the PyInstaller folder dist\shopguard\.
; Build: see installer/README.md. From the repository root, after `pyinstaller installer/shopguard.spec`:
;   iscc /DAppVersion=0.1.0 installer\windows\shopguard.iss      -> dist\installer\ShopGuard-Setup-0.1.0.exe
; Saved as UTF-8 with a BOM (Inno Setup needs the BOM for the Korean texts).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define SourceDir "..\..\dist\shopguard"
; platformdirs.user_data_dir("ShopGuard", appauthor=False) on Windows (shopguard/paths.py)
#define DataDir "{localappdata}\ShopGuard"

[Setup]
AppId={{6CC192EB-D205-4696-A15D-529ABBE35CA7}
AppName=ShopGuard
AppVerName=ShopGuard {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=ShopGuard
VersionInfoVersion={#AppVersion}
VersionInfoProductName=ShopGuard
DefaultDirName={autopf}\ShopGuard
DefaultGroupName=ShopGuard
DisableProgramGroupPage=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=ShopGuard-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayName=ShopGuard
UninstallDisplayIcon={app}\shopguard.exe
CloseApplications=yes
; the data folder lives in the installing user's profile and is handled in [Code] below
UsedUserAreasWarning=no

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
korean.KioskShortcut=ShopGuard 키오스크 (큰 글씨 계산대)
english.KioskShortcut=ShopGuard kiosk (large-print checkout)
korean.DoorShortcut=ShopGuard 출입문 (QR 출입증 확인)
english.DoorShortcut=ShopGuard door station (QR entry passes)
korean.DeleteData=ShopGuard 데이터 폴더도 지울까요?%n%n%1%n%n녹화 영상, 매출 기록, 출입 기록, 설정이 모두 지워지며 되살릴 수 없습니다. 보관하려면 [아니요]를 누르세요.
english.DeleteData=Also delete the ShopGuard data folder?%n%n%1%n%nRecordings, sales, entry logs and settings will be gone for good. Choose No to keep them.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ShopGuard"; Filename: "{app}\shopguard.exe"; WorkingDir: "{app}"
Name: "{group}\ShopGuard Kiosk"; Filename: "{app}\shopguard.exe"; Parameters: "kiosk"; WorkingDir: "{app}"; Comment: "{cm:KioskShortcut}"
Name: "{group}\ShopGuard Door"; Filename: "{app}\shopguard.exe"; Parameters: "door"; WorkingDir: "{app}"; Comment: "{cm:DoorShortcut}"
Name: "{group}\{cm:UninstallProgram,ShopGuard}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ShopGuard"; Filename: "{app}\shopguard.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\shopguard.exe"; Description: "{cm:LaunchProgram,ShopGuard}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; files the app may write beside itself (none expected); never the data folder
Type: dirifempty; Name: "{app}"

[Code]
{ Uninstall keeps the owner's data (recordings, database, settings) unless asked:
  interactively a Yes/No box whose default is No; silently only with /PURGEDATA=1 on the command line. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  DataDir := ExpandConstant('{#DataDir}');
  if not DirExists(DataDir) then
    exit;
  Purge := ExpandConstant('{param:PURGEDATA|0}') = '1';
  if not Purge then
    Purge := SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
  if Purge then
    DelTree(DataDir, True, True, True);
end;
