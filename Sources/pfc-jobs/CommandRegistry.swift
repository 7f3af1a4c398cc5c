import ArgumentParser

/// Every subcommand, in the order `--help` lists them. One line per command keeps merges trivial.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        CheckCommand.self,
        SubmitCommand.self,
        ListCommand.self,
        ShowCommand.self,
        RetryCommand.self,
        CancelCommand.self,
        ResubmitCommand.self,
        CostCommand.self,
        PruneCommand.self,
        GalleryCommand.self,
        ImportJSONCommand.self,
        ExportJSONCommand.self,
        StoreCommand.self,
        EmulatorCommand.self,
        MCPCommand.self,
        ScheduleCommand.self,
        InitCommand.self,
        DoctorCommand.self,
    ]
}
