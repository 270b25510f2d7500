import Foundation
import PhuongSoApp

exit(await CommandLineTool.main(CommandLine.arguments))
