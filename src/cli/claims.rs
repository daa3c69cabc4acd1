//! `depeche claims`: casualty claims by source.

use std::io::Write;

use super::json_list::write_json_made;
use super::timeline::{open_digested, parse_as_of, write_all};
use super::{ClaimsArgs, ClaimsBy, CliError, CliResult, DigestFormat};
use crate::digest::claims::lean_claims;
use crate::digest::{ClaimOrder, Claimants, Inputs, Part, claims, table};

pub fn run(args: &ClaimsArgs, out: &mut dyn Write) -> CliResult {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let digested = open_digested(&args.dir.dir(), Part::Claims)?;
    let project = &digested.project;
    let aliases = Claimants::load(&project.dir).map_err(|e| CliError(e.to_string()))?;
    let inputs = Inputs::from_kept(project, &digested.suggestions);
    let order = match args.by {
        ClaimsBy::Claimant => ClaimOrder::Claimant,
        ClaimsBy::Side => ClaimOrder::Side,
        ClaimsBy::What => ClaimOrder::What,
        ClaimsBy::Outlet => ClaimOrder::Outlet,
    };
    let bytes = match args.format {
        DigestFormat::Json => {
            // Each row made as it is written: never every row at once.
            let lean = lean_claims(&inputs, &aliases, as_of, None);
            let rows = lean.order(order);
            return write_json_made(out, rows.len(), |i| lean.view(rows[i]));
        }
        DigestFormat::Table => {
            table::claims_table(&claims(&inputs, &aliases, as_of, None), order, 80).into_bytes()
        }
        DigestFormat::Csv => {
            let mut buf = Vec::new();
            let digest = claims(&inputs, &aliases, as_of, None);
            crate::export::csv::write_claims(&digest.rows(order), &mut buf)
                .map_err(|e| CliError(e.to_string()))?;
            buf
        }
    };
    write_all(out, &bytes)
}
