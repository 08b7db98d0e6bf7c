import OCPCommands

await OcpctlCommand.execute()
