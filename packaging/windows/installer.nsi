; posapp Windows installer: per-user (no admin prompt), under %LOCALAPPDATA%\Programs\posapp.
; Built by packaging/build.py:
;   makensis -DVERSION=0.1.0 -DPAYLOAD=dist\posapp -DOUTFILE=dist\posapp-0.1.0-setup.exe -DICON=build\icons\posapp.ico installer.nsi
; The shop's data (orders cache, settings, logs: %LOCALAPPDATA%\posapp) is kept on uninstall unless the
; "Delete the shop's data" box is ticked; then the secrets in Windows Credential Manager go too
; (posapp-cli.exe --forget-secrets). A running posapp is closed (or waited for) before files are replaced.
; VERSION may be a pre-release (0.2.0rc1); VERSION_NUMERIC is its X.Y.Z.N form for the version resource.
; SIGN_COMMAND (set by build.py when a certificate is configured) signs the installer and uninstaller.
Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

!ifndef VERSION
  !error "pass -DVERSION=x.y.z (build.py reads it from pyproject.toml)"
!endif
!ifndef PAYLOAD
  !error "pass -DPAYLOAD=<PyInstaller one-folder output>"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "0.0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "posapp-${VERSION}-setup.exe"
!endif

!define APP "posapp"
!define EXE "posapp.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define DATA_DIR "$LOCALAPPDATA\${APP}"
!define CLI "posapp-cli.exe"
!define CLOSE_WAIT_S 15

!ifdef SIGN_COMMAND
  !finalize '${SIGN_COMMAND} "%1"'
  !uninstfinalize '${SIGN_COMMAND} "%1"'
!endif

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
!ifdef FAST
  SetCompress off  ; CI's stand-in payload: proving the script compiles should not take minutes
!else
  SetCompressor /SOLID lzma
!endif
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "TradChinese"

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "posapp"

; Is posapp.exe running (any user session of this user)? Sets $0 to 0 when it is.
!macro IS_RUNNING
  nsExec::Exec '"$SYSDIR\cmd.exe" /C "$SYSDIR\tasklist.exe" /FI "IMAGENAME eq ${EXE}" /NH | "$SYSDIR\find.exe" /I "${EXE}"'
  Pop $0
!macroend

; A running posapp holds its files (and the cache it is writing): ask it to close as a user would
; (WM_CLOSE: the app shuts down cleanly, its outbox and cache are durable), wait, and only then force.
!macro CLOSE_RUNNING_APP UN
Function ${UN}CloseRunningApp
  !insertmacro IS_RUNNING
  StrCmp $0 0 0 done
  IfSilent close
  MessageBox MB_OKCANCEL|MB_ICONEXCLAMATION "posapp is running. OK closes it (orders and settings are kept); Cancel stops here." /SD IDOK IDOK close
  Abort
  close:
  nsExec::Exec '"$SYSDIR\taskkill.exe" /IM ${EXE}'
  Pop $0
  StrCpy $1 0
  wait:
    Sleep 1000
    !insertmacro IS_RUNNING
    StrCmp $0 0 0 done
    IntOp $1 $1 + 1
    IntCmp $1 ${CLOSE_WAIT_S} 0 wait
  nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${EXE}'
  Pop $0
  Sleep 1000
  done:
FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING_APP ""
!insertmacro CLOSE_RUNNING_APP "un."

Section "posapp" SecApp
  SectionIn RO
  ; An update replaces the program folder only; the data folder is elsewhere and never touched.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}/*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "posapp"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Start menu shortcut" SecStartMenu
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}"
SectionEnd

Section "Desktop shortcut" SecDesktop
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}"
SectionEnd

; Unticked by default; the same Run value posapp/runtime/autostart.py reads and writes.
Section /o "Start posapp when I log in" SecAutostart
  WriteRegStr HKCU "${RUN_KEY}" "${APP}" '"$INSTDIR\${EXE}"'
SectionEnd

; Unticked by default: uninstalling to reinstall must never lose the day's orders or the printer queue.
; Listed first: it needs posapp-cli.exe, which the program-files section removes.
Section /o "un.Delete the shop's data (orders cache, settings, logs, backups, stored passwords)" UnSecData
  ; Keeta/Zeek secrets and the relay token live in the Credential Manager, not in the data folder.
  IfFileExists "$INSTDIR\${CLI}" 0 +3
    nsExec::Exec '"$INSTDIR\${CLI}" --forget-secrets'
    Pop $0
  RMDir /r "${DATA_DIR}"
SectionEnd

Section "un.posapp (program files)" UnSecApp
  SectionIn RO
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  DeleteRegValue HKCU "${RUN_KEY}" "${APP}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd

Function .onInit
  Call CloseRunningApp
FunctionEnd

; `uninstall.exe /S /DELETEDATA` ticks "Delete the shop's data" for a silent uninstall (CI, IT scripts).
Function un.onInit
  Call un.CloseRunningApp
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  IfErrors +2
  !insertmacro SelectSection ${UnSecData}
FunctionEnd
