//! `depeche claims`: casualty claims by source.

use std::io::Write;

use super::timeline::{open_digested, parse_as_of, write_all, write_json_list};
use super::{ClaimsArgs, ClaimsBy, CliError, CliResult, DigestFormat};
use crate::digest::{ClaimOrder, Claimants, Inputs, claims, table};

pub fn run(args: &ClaimsArgs, out: &mut dyn Write) -> CliResult {
    let as_of = parse_as_of(args.as_of.as_deref())?;
    let digested = open_digested(&args.dir.dir())?;
    let project = &digested.project;
    let aliases = Claimants::load(&project.dir).map_err(|e| CliError(e.to_string()))?;
    let inputs = Inputs::from_kept(project, &digested.suggestions);
    let digest = claims(&inputs, &aliases, as_of, None);
    let order = match args.by {
        ClaimsBy::Claimant => ClaimOrder::Claimant,
        ClaimsBy::Side => ClaimOrder::Side,
        ClaimsBy::What => ClaimOrder::What,
        ClaimsBy::Outlet => ClaimOrder::Outlet,
    };
    let bytes = match args.format {
        DigestFormat::Table => table::claims_table(&digest, order, 80).into_bytes(),
        DigestFormat::Json => return write_json_list(out, &digest.rows(order)),
        DigestFormat::Csv => {
            let mut buf = Vec::new();
            crate::export::csv::write_claims(&digest.rows(order), &mut buf)
                .map_err(|e| CliError(e.to_string()))?;
            buf
        }
    };
    write_all(out, &bytes)
}
