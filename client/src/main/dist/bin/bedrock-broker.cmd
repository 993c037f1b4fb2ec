@echo off
rem bedrock-broker launcher for Windows (cmd.exe and PowerShell). Finds Java 21+ via JAVA_HOME or PATH.
rem JVM logging goes to stderr so that stdout carries only the requested output (credential_process parses it).
rem Extra JVM options: BEDROCK_BROKER_JAVA_OPTS. The launcher's own full path (%~f0) is passed to the client, which
rem writes it into settings.json and the AWS config on `setup`.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
  goto run
)
where java >nul 2>nul
if errorlevel 1 (
  echo bedrock-broker: Java 21 or newer is needed: install it, or set JAVA_HOME. 1>&2
  exit /b 1
)
set "JAVA_EXE=java"
:run
"%JAVA_EXE%" -Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "-Dbedrock.broker.launcher=%~f0" %BEDROCK_BROKER_JAVA_OPTS% -jar "%APP_HOME%\lib\bedrock-broker.jar" %*
exit /b %ERRORLEVEL%
