import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import SQLKit
import Plot
import PhuongSoCore
package enum AppWarm {}
