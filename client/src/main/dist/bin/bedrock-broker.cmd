@echo off
rem bedrock-broker launcher for Windows (cmd.exe and PowerShell). Finds Java 21+ via JAVA_HOME or PATH.
rem JVM logging goes to stderr so that stdout carries only the requested output (credential_process parses it).
rem Extra JVM options: BEDROCK_BROKER_JAVA_OPTS. The launcher's own full path (%~f0) is passed to the client, which
rem writes it into settings.json and the AWS config on `setup`.
rem Exit code 8: no Java, or a Java older than 21 (one sentence on stderr says which and how to set JAVA_HOME).
setlocal EnableExtensions DisableDelayedExpansion
rem cmd.exe looks for a program in the current directory before PATH unless this is set: a java.bat or java.exe in a
rem cloned repository would otherwise run on every aws command started there. Java is found through JAVA_HOME or as
rem java.exe in a PATH directory, by its full path, never in the current directory.
set "NoDefaultCurrentDirectoryInExePath=1"
set "APP_HOME=%~dp0.."
set "JAVA_EXE="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
set "JAVA_FROM_PATH="
if not defined JAVA_EXE (
  set "JAVA_FROM_PATH=1"
  for %%J in (java.exe) do set "JAVA_EXE=%%~$PATH:J"
)
rem A "." or relative entry in PATH would still name the current directory: such a java.exe is not used.
for %%D in ("%CD%\x") do set "CURRENT_DIR=%%~dpD"
if defined JAVA_FROM_PATH if defined JAVA_EXE for %%J in ("%JAVA_EXE%") do if /i "%%~dpJ"=="%CURRENT_DIR%" set "JAVA_EXE="
if not defined JAVA_EXE goto noJava

rem Java's version: JAVA_VERSION in the release file of its installation, else the first line of java -version.
set "JAVA_VERSION="
for %%J in ("%JAVA_EXE%") do set "JAVA_DIR=%%~dpJ.."
if exist "%JAVA_DIR%\release" for /f "usebackq tokens=1,* delims==" %%A in ("%JAVA_DIR%\release") do (
  if "%%A"=="JAVA_VERSION" set "JAVA_VERSION=%%~B"
)
if not defined JAVA_VERSION for /f "tokens=1-3" %%A in ('call "%JAVA_EXE%" -version 2^>^&1') do (
  if "%%B"=="version" if not defined JAVA_VERSION set "JAVA_VERSION=%%~C"
)
rem 1.8.0_402 is Java 8; 17.0.15, 21, 25-ea: the number before the first dot, dash or plus.
set "JAVA_FEATURE=0"
if defined JAVA_VERSION for /f "tokens=1,2 delims=.-+_" %%A in ("%JAVA_VERSION%") do (
  if "%%A"=="1" (set "JAVA_FEATURE=%%B") else set "JAVA_FEATURE=%%A"
)
set /a "JAVA_FEATURE=JAVA_FEATURE" >nul 2>nul || set "JAVA_FEATURE=0"
if %JAVA_FEATURE% GTR 0 if %JAVA_FEATURE% LSS 21 goto oldJava

"%JAVA_EXE%" -Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "-Dbedrock.broker.launcher=%~f0" %BEDROCK_BROKER_JAVA_OPTS% -jar "%APP_HOME%\lib\bedrock-broker.jar" %*
exit /b %ERRORLEVEL%

:noJava
echo bedrock-broker: no Java found (JAVA_HOME does not name one and there is no java.exe on PATH): install Java 21 or newer and set JAVA_HOME to its directory. 1>&2
exit /b 8

:oldJava
setlocal EnableDelayedExpansion
echo bedrock-broker: found Java !JAVA_VERSION! at !JAVA_EXE!, but Java 21 or newer is needed: install it and set JAVA_HOME to its directory (setx JAVA_HOME "C:\path\to\jdk-21", then open a new window). 1>&2
exit /b 8
